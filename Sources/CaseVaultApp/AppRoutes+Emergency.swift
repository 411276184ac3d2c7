import Hummingbird

/// Emergency pages (hook for the Emergency work; filled in by its own change).
extension AppRoutes {
    func registerEmergency(on router: Router<AppContext>) {}
}
