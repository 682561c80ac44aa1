"""The residents list of a case: import from a spreadsheet, export, versions, key contacts."""
