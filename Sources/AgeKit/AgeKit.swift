// AgeKit: the age v1 file format on SodiumKit. Filled by the age work.
