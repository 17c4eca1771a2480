/* parallel: ordered work on worker threads (see parallel.h). */
#include "core/parallel.h"

#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <unistd.h>

#include "core/xalloc.h"

enum { S_MAX_THREADS = 8 };

struct parallel {
	parallel_fn fn;
	void *ctx;
	size_t n;
	pthread_mutex_t lock;
	pthread_cond_t item_done;
	size_t next; /* the next item to claim (under lock) */
	bool *done;  /* done[i] once item i has run (under lock) */
	pthread_t threads[S_MAX_THREADS];
	unsigned n_threads;
};

/* Claims the next item, or returns false when all are claimed. */
static bool S_claim(struct parallel *p, size_t *item)
{
	pthread_mutex_lock(&p->lock);
	bool got = p->next < p->n;
	if (got)
		*item = p->next++;
	pthread_mutex_unlock(&p->lock);
	return got;
}

static void S_run(struct parallel *p, size_t item)
{
	p->fn(p->ctx, item);
	pthread_mutex_lock(&p->lock);
	p->done[item] = true;
	pthread_cond_broadcast(&p->item_done);
	pthread_mutex_unlock(&p->lock);
}

static void *S_worker(void *arg)
{
	struct parallel *p = arg;
	size_t item;
	while (S_claim(p, &item))
		S_run(p, item);
	return NULL;
}

unsigned parallel_cores(void)
{
	long cores = sysconf(_SC_NPROCESSORS_ONLN);
	return cores > 0 ? (unsigned)cores : 1;
}

static unsigned S_threads_for(size_t n, unsigned max_threads)
{
	if (max_threads == 0)
		max_threads = parallel_cores();
	if (max_threads > S_MAX_THREADS)
		max_threads = S_MAX_THREADS;
	if (max_threads > n)
		max_threads = (unsigned)n;
	/* One core: the caller's own thread does the work without switching. */
	return max_threads > 1 ? max_threads : 0;
}

struct parallel *parallel_start(size_t n, parallel_fn fn, void *ctx, unsigned max_threads)
{
	struct parallel *p = xcalloc(1, sizeof *p);
	p->fn = fn;
	p->ctx = ctx;
	p->n = n;
	p->done = xcalloc(n ? n : 1, sizeof *p->done);
	pthread_mutex_init(&p->lock, NULL);
	pthread_cond_init(&p->item_done, NULL);
	unsigned want = S_threads_for(n, max_threads);
	for (unsigned i = 0; i < want; i++) {
		if (pthread_create(&p->threads[p->n_threads], NULL, S_worker, p) != 0)
			break; /* fewer threads; the caller helps in parallel_wait */
		p->n_threads++;
	}
	return p;
}

void parallel_wait(struct parallel *p, size_t i)
{
	for (;;) {
		pthread_mutex_lock(&p->lock);
		bool ready = p->done[i];
		pthread_mutex_unlock(&p->lock);
		if (ready)
			return;
		/* With no worker every item runs here, in order. */
		size_t item;
		if (p->n_threads == 0 && S_claim(p, &item)) {
			S_run(p, item);
			continue;
		}
		pthread_mutex_lock(&p->lock);
		while (!p->done[i])
			pthread_cond_wait(&p->item_done, &p->lock);
		pthread_mutex_unlock(&p->lock);
		return;
	}
}

void parallel_finish(struct parallel *p)
{
	for (size_t i = 0; i < p->n; i++)
		parallel_wait(p, i);
	for (unsigned t = 0; t < p->n_threads; t++)
		pthread_join(p->threads[t], NULL);
	pthread_cond_destroy(&p->item_done);
	pthread_mutex_destroy(&p->lock);
	free(p->done);
	free(p);
}
