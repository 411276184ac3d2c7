import Hummingbird

/// Identifiers pages (hook for the Identifiers work; filled in by its own change).
extension AppRoutes {
    func registerIdentifiers(on router: Router<AppContext>) {}
}
