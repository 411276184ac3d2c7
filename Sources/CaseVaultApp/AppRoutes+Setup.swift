import Hummingbird

/// Setup pages (hook for the Setup work; filled in by its own change).
extension AppRoutes {
    func registerSetup(on router: Router<AppContext>) {}
}
