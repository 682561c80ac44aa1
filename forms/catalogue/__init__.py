"""One module per catalogue form; each defines ``FORM``. See CATALOGUE.md for the ids."""
