"""Domain rules: validation of records (German messages naming the field), later achievement and forecasts."""
