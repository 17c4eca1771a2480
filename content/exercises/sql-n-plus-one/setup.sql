-- The table the owners page is built in: one row per owner.
CREATE TABLE owner_page (
	owner TEXT NOT NULL,
	pony_count INTEGER NOT NULL
);
