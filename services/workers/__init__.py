"""The worker register: its rules, search, merge, NIK, regions, occupations and the front-desk
coverage check."""
