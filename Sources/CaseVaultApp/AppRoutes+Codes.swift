import Hummingbird

/// Codes pages (hook for the Codes work; filled in by its own change).
extension AppRoutes {
    func registerCodes(on router: Router<AppContext>) {}
}
