import Fluent
import FluentPostgresDriver
import FluentSQLiteDriver
import Leaf
import Vapor

/// Configures the app from the environment: database, migrations, views, sessions, routes.
func configure(_ app: Application) async throws {
    // swift-metrics to swift-prometheus, before anything records: Vapor then reports every request.
    _ = AppMetrics.registry
    let settings = try AppSettings(environment: app.environment, values: ProcessInfo.processInfo.environment)
    app.settings = settings
    if let host = settings.host { app.http.server.configuration.hostname = host }
    if let port = settings.port { app.http.server.configuration.port = port }

    // PostgreSQL when DATABASE_URL is set; otherwise SQLite with zero setup. Tests use an in-memory
    // SQLite, or the PostgreSQL database named by TEST_DATABASE_URL.
    if app.environment == .testing {
        if let url = Environment.get("TEST_DATABASE_URL"), !url.isEmpty {
            try app.databases.use(.postgres(url: url), as: .psql)
        } else {
            app.databases.use(.sqlite(.memory), as: .sqlite)
        }
    } else if let url = settings.databaseURL {
        try app.databases.use(.postgres(url: url), as: .psql)
    } else {
        app.databases.use(.sqlite(.file(settings.sqlitePath)), as: .sqlite)
    }

    // Migrations, in dependency order.
{% if cookiecutter.starter_model == 'items' %}    app.migrations.add(CreateItem())
{% endif %}
    app.views.use(.leaf)
    // Security headers, sessions with an HttpOnly (and outside development Secure) cookie, CSRF.
    app.useSecurityDefaults(settings.security)

    if settings.autoMigrate {
        try await app.autoMigrate()
    }
    try routes(app)
    app.logger.info("configured", metadata: [
        "database": .string(settings.databaseURL == nil ? "sqlite" : "postgres"),
        "environment": .string(app.environment.name),
    ])
}
