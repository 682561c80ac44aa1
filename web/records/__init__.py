"""Form and letter records: filling in, rows, previews, finalising, archive and downloads."""
