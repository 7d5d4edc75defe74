"""Exchanging data between offices through ZV exchange files (``.zvx``): checking a received file, later merging it."""
