"""Letters to families: the bulk merge, its job pages, and its chunks across workers."""
