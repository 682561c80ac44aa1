"""Administration: users and roles, accounts, the organisation profile, setup and demo data."""
