"""Form editors for the records of a data file; each saves every edit at once through the ActionController."""
