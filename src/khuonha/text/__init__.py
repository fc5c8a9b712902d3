"""The text layer: NFC and match keys, quantities and periods, scanning running text."""
