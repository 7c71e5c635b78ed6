"""IMP Smart: the Kader IMP Smart programme's information system."""
