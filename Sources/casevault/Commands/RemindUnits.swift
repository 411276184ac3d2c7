/// The systemd user units of `remind`, as packaging/systemd/ holds them
/// (a test compares the two), with the binary's path put in.
enum RemindUnits {
    static let timerName = "casevault-remind.timer"
    static let serviceName = "casevault-remind.service"
    /// The first line of units `remind --enable` writes itself; `--disable`
    /// removes only files that start with it.
    static let marker = "# Written by `casevault remind --enable`; removed by `casevault remind --disable`."

    static func service(executable: String) -> String {
        """
        # CaseVault reminders (casevault remind): one desktop notification when
        # documents need renewing or backup codes run low. Unlocks through the
        # desktop keyring only; with the keyring locked it sends nothing and exits 0.
        [Unit]
        Description=CaseVault reminders: documents to renew, backup codes running low
        Documentation=man:casevault(1)

        [Service]
        Type=oneshot
        ExecStart=\(executable) remind
        NoNewPrivileges=yes

        """
    }

    static let timer = """
        # Runs casevault-remind.service once a day (and at login when a day was
        # missed). Off until enabled: `casevault remind --enable`, or
        # `systemctl --user enable --now casevault-remind.timer`.
        [Unit]
        Description=Daily CaseVault reminders
        Documentation=man:casevault(1)

        [Timer]
        OnCalendar=daily
        RandomizedDelaySec=30min
        Persistent=true

        [Install]
        WantedBy=timers.target

        """
}
