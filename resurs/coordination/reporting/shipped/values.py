"""The value types of the shipped forms' indicators, short."""

INT, D, T, B, TABLE = "integer", "decimal", "text", "boolean", "table"
