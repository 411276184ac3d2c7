// CaseVault library
