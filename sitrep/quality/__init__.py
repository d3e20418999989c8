"""Quality measurement: Sitrep's stages scored against public gold data."""
