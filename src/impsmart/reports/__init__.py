"""Monthly forms as data, the computing engine, review/approval and exports."""
