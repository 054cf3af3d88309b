-- A role for every API key (analyst, reviewer, admin): the HTTP API lets a
-- key do what its role allows. Keys made before roles existed could do
-- everything, so they become admins and nothing that worked stops working.
ALTER TABLE api_keys ADD COLUMN role TEXT NOT NULL DEFAULT 'admin'
	CHECK (role IN ('analyst', 'reviewer', 'admin'));
