import DecisionModel
import Foundation
import Testing
import TestSupport

/// The decision's honesty, through the built binary: no hybrid without AI over a grid of answers,
/// warnings and `--strict`, and the HTML report rendered in a real browser.
@Suite struct DecideHonestyTests {
    @Test("a sweep through the binary: no profile without an AI workload is ever the hybrid")
    func noHybridWithoutAI() throws {
        let folder = try AskBinary.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        var count = 0
        let workloadSets = [[], ["crud"], ["crud", "content", "webhooks", "background_jobs"]]
        for data in ["none", "simple", "significant"] { for admin in [false, true] { for auth in [false, true] { for payments in [false, true] {
            for growth in ["unlikely", "likely"] { for scope in ["narrow", "broad"] { for critical in [false, true] {
                // A latency target on every other profile: both kinds meet every other combination.
                for (w, workloads) in workloadSets.enumerated() { for peak in [5, 3000] { do { let latency: Int? = count % 2 == 0 ? nil : 80
                    var text = "version: 1\nname: p\(count)\ndata_model: \(data)\nadmin_ui: \(admin)\nauth: \(auth)\npayments: \(payments)\n"
                    text += "growth: \(growth)\nscope: \(scope)\nperformance_critical: \(critical)\nworkloads: [\(workloads.joined(separator: ", "))]\n"
                    text += "traffic:\n  peak_rps: \(peak)\n" + (latency.map { "  latency_p99_ms: \($0)\n" } ?? "")
                    try text.write(to: folder.appendingPathComponent(String(format: "p%05d-%d.yaml", count, w)), atomically: false, encoding: .utf8)
                    count += 1
                } } }
            } } }
        } } } }
        // 1,152 profiles with their flips in one run of a debug build, on a shared 2-core machine.
        let out = try Binary.run(["decide", "--no-record", "--format", "jsonl", folder.path], timeout: 180)
        #expect(out.status == 0, "\(out.stderr.prefix(500))")
        let lines = out.stdout.split(separator: "\n")
        #expect(lines.count == count && count > 1000)
        var hybrids = 0
        // The top-level recommendation comes first; a flip's (adding an AI workload) may well be the hybrid.
        for line in lines {
            let first = line.range(of: #""recommendation":""#).map { line[$0.upperBound...].prefix(6) }
            #expect(first != nil)
            if first == "hybrid" { hybrids += 1 }
        }
        #expect(hybrids == 0, "\(hybrids) of \(count) profiles without an AI workload were the hybrid")
    }

    @Test("contradictory answers warn on stderr in compiler format with exit 0; --strict makes them errors (65)")
    func warningsAndStrict() throws {
        let profile = "version: 1\nname: admin-tool\ndata_model: none\nadmin_ui: true\nscope: narrow\nworkloads: [crud]\ntraffic: {peak_rps: 20, latency_p99_ms: 100}\n"
        let plain = try Binary.run(["decide", "--no-record", "-"], stdin: profile)
        #expect(plain.status == 0)
        #expect(plain.stdout.hasPrefix("admin-tool → monolith"))
        #expect(plain.stdout.contains("hybrid") && plain.stdout.contains("(ruled out)"))
        #expect(plain.stderr.contains("-:4:11: warning: admin_ui is true but data_model is none"))
        #expect(plain.stderr.contains("[admin-without-data-model]") && plain.stderr.contains("[not-asked]"))
        let json = try Binary.run(["decide", "--no-record", "--format", "json", "-"], stdin: profile)
        let doc = try #require(JSONValue.parse(json.stdout))
        #expect(doc["warnings"]?.compact.contains(#""code":"admin-without-data-model","message":"#) == true)
        #expect(doc["warnings"]?.compact.contains(#""field":"admin_ui""#) == true)
        let strict = try Binary.run(["decide", "--no-record", "--strict", "-"], stdin: profile)
        #expect(strict.status == 65 && strict.stdout.isEmpty)
        #expect(strict.stderr.contains("-:4:11: error: admin_ui is true"))
        let clean = try Binary.run(["decide", "--no-record", "--strict", "Examples/deskpilot.yaml"])
        #expect(clean.status == 0 && clean.stderr.isEmpty)
    }

    @Test("Markdown output and the ADR carry the warnings and the outweighed deciding question, not only stderr")
    func markdownAndADRCarryWarningsAndOverruled() throws {
        // A narrow embedder likely to grow (the growth yes is outweighed) whose AI volume is above
        // its peak (a warning): both must reach the documents people keep, not only the terminal.
        let profile = "version: 1\nname: growing-embedder\ndata_model: none\nscope: narrow\ngrowth: likely\nworkloads: [embeddings]\ntraffic: {peak_rps: 1500, ai_peak_rps: 2000}\n"
        let md = try Binary.run(["decide", "--no-record", "--format", "markdown", "-"], stdin: profile)
        #expect(md.status == 0)
        #expect(md.stdout.contains("**Outweighed:** "), "\(md.stdout)")
        #expect(md.stdout.contains(#"- `ai-above-peak` on `traffic.ai_peak_rps`: traffic.ai\_peak\_rps (2000) is above traffic.peak\_rps (1500)"#), "\(md.stdout)")
        // The ADR written by generate, and the one exported from the decision log.
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("archdecide-adr-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let file = folder.appendingPathComponent("p.yaml")
        try profile.write(to: file, atomically: true, encoding: .utf8)
        let generated = try Binary.run(["generate", "--profile", file.path, "--output", folder.appendingPathComponent("repo").path, "--no-git", "--no-record"])
        #expect(generated.status == 0, "\(generated.stderr)")
        let db = folder.appendingPathComponent("log.sqlite").path
        let recorded = try Binary.run(["decide", "--record", "--db", db, file.path])
        #expect(recorded.status == 0, "\(recorded.stderr)")
        let exported = try Binary.run(["adr", "d-1", "--db", db])
        #expect(exported.status == 0, "\(exported.stderr)")
        for adr in [try String(contentsOf: folder.appendingPathComponent("repo/docs/adr/0001-architecture.md"), encoding: .utf8), exported.stdout] {
            #expect(adr.contains("Outweighed: "), "\(adr)")
            #expect(adr.contains("Warnings about the answers"), "\(adr)")
            #expect(adr.contains(#"* `ai-above-peak` on `traffic.ai_peak_rps`: traffic.ai\_peak\_rps (2000) is above traffic.peak\_rps (1500)"#), "\(adr)")
        }
        // A profile without warnings gets no warnings section.
        let clean = try Binary.run(["decide", "--no-record", "--format", "markdown", "Examples/deskpilot.yaml"])
        #expect(clean.status == 0 && !clean.stdout.contains("Warnings about the answers"))
    }

    @Test("decide --format html is one self-contained page that headless Chromium renders with the chart and the text")
    func htmlInChromium() throws {
        let out = try Binary.run(["decide", "--no-record", "--format", "html", "Examples/deskpilot.yaml"])
        #expect(out.status == 0)
        let html = out.stdout
        #expect(html.hasPrefix("<!DOCTYPE html>") && html.contains("<svg id=\"scores\""))
        #expect(!html.contains("http://") || html.components(separatedBy: "http://").count == 2, "only the SVG namespace, no network")
        #expect(!html.contains("<script") && !html.contains("https://") && !html.contains("<link"))
        let chromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].first { FileManager.default.isExecutableFile(atPath: $0) }
        let browser = try #require(chromium, "install Debian's chromium (.ci/run does) to render the report")
        let folder = try AskBinary.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let page = folder.appendingPathComponent("deskpilot.html")
        try html.write(to: page, atomically: true, encoding: .utf8)
        let flags = ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--user-data-dir=\(folder.path)/profile"]
        let dom = try Self.run(browser, flags + ["--dump-dom", page.absoluteString])
        #expect(dom.contains("<svg id=\"scores\""))
        #expect(dom.components(separatedBy: "class=\"bar\"").count - 1 == 3, "one bar per topology")
        for text in ["deskpilot", "hy-product-core-with-ai-at-volume", "article: The Hybrid Architecture", "heuristic",
                     "Where each workload goes", "Why not the others", "What would change it"] {
            #expect(dom.contains(text), "rendered page lacks \(text)")
        }
        let shot = folder.appendingPathComponent("shot.png")
        _ = try Self.run(browser, flags + ["--screenshot=\(shot.path)", "--window-size=1100,900", page.absoluteString])
        let png = try Data(contentsOf: shot)
        #expect(png.count > 10_000 && png.prefix(4) == Data([0x89, 0x50, 0x4E, 0x47]))
    }

    /// Runs a program with a 60 s timeout and returns its standard output.
    static func run(_ path: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        try process.run()
        let deadline = DispatchTime.now() + 60
        let reader = DispatchQueue(label: "chromium-out")
        nonisolated(unsafe) var data = Data()
        let done = DispatchSemaphore(value: 0)
        reader.async { data = pipe.fileHandleForReading.readDataToEndOfFile(); done.signal() }
        if done.wait(timeout: deadline) == .timedOut {
            process.terminate()
            Issue.record("\(path) did not finish in 60 s")
        }
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }
}
