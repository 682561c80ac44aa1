"""Case files: the case list, a case's page and its team."""
