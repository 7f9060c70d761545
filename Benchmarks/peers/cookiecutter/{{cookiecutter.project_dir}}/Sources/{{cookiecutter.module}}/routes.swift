import Fluent
import Vapor

/// Every route of the app; each feature registers its own controller.
func routes(_ app: Application) throws {
    app.get("healthz") { _ -> Response in
        Response(status: .ok, headers: ["Content-Type": "application/json"], body: .init(staticString: #"{"status":"ok"}"#))
    }
    try app.register(collection: HomeController())
{% if cookiecutter.starter_model == 'items' %}    try app.register(collection: ItemController())
{% endif %}}
