"""Documents: definition + data + language -> document model -> DOCX (docxtpl) and PDF."""
