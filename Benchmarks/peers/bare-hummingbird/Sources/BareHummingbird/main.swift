import Foundation
import Hummingbird

// Listens on 127.0.0.1 only; PORT from the environment (default 8090).
let port = Int(ProcessInfo.processInfo.environment["PORT"] ?? "") ?? 8090
let router = Router()
router.get("/healthz") { _, _ in
    Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(staticString: #"{"status":"ok"}"#)))
}
let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: port), serverName: "bare"))
try await app.runService(gracefulShutdownSignals: [.sigterm, .sigint])
