"""Domain, store and services of ZV Desktop. Nothing below this package imports Qt."""
