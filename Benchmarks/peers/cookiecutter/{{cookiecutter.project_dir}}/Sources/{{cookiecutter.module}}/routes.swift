import Fluent
import Vapor

/// Every route of the app; each feature registers its own controller.
func routes(_ app: Application) throws {
    app.get("healthz") { _ -> Response in
        Response(status: .ok, headers: ["Content-Type": "application/json"], body: .init(staticString: #"{"status":"ok"}"#))
    }
    // Prometheus metrics: Vapor's own request series through swift-metrics (see AppMetrics).
    AppMetrics.register(on: app)
    // The JSON API as an OpenAPI 3.1 document (see OpenAPIDocument and OpenAPITests).
    app.get("openapi.yaml") { _ -> Response in
        Response(status: .ok, headers: ["Content-Type": "application/yaml"], body: .init(string: OpenAPIDocument.yaml))
    }
    try app.register(collection: HomeController())
{% if cookiecutter.starter_model == 'items' %}    try app.register(collection: ItemController())
{% endif %}}
