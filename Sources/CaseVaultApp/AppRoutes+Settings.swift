import Hummingbird

/// Settings pages (hook for the Settings work; filled in by its own change).
extension AppRoutes {
    func registerSettings(on router: Router<AppContext>) {}
}
