-- The tables organisations and organisation_members (0001) were never read or written: an organisation is the
-- organisationId on its members' customer records and on its cases (docs/decisions/0082-organisations.md).
DROP TABLE IF EXISTS organisation_members;
DROP TABLE IF EXISTS organisations;
