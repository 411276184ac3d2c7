// KeyringKit: the only Swift code that calls libsecret. Filled by the keyring work.
