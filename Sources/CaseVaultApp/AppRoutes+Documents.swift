import Hummingbird

/// Documents pages (hook for the Documents work; filled in by its own change).
extension AppRoutes {
    func registerDocuments(on router: Router<AppContext>) {}
}
