import BundledRules
import DecisionModel
import Foundation
import RuleEngine
import RuleSpec

// In-process benchmarks of the decision core, and a generator of profile batches for the
// whole-process ones in run.sh. Figures are medians over many runs, printed as a Markdown table.

func median(_ samples: [Double]) -> Double {
    let sorted = samples.sorted()
    return sorted[sorted.count / 2]
}

func measure(runs: Int, inner: Int = 1, _ body: () -> Void) -> (median: Double, p10: Double, p90: Double) {
    for _ in 0..<max(3, runs / 10) { body() }  // warm-up
    var samples: [Double] = []
    let clock = ContinuousClock()
    for _ in 0..<runs {
        let elapsed = clock.measure { for _ in 0..<inner { body() } }
        samples.append(Double(elapsed.components.attoseconds) / 1e18 + Double(elapsed.components.seconds))
    }
    let s = samples.map { $0 / Double(inner) }.sorted()
    return (median(s), s[s.count / 10], s[s.count * 9 / 10])
}

func micro(_ seconds: Double) -> String { String(format: "%.1f µs", seconds * 1e6) }

/// Random but valid profiles covering every field, reproducible from the seed.
func generateProfiles(count: Int, into folder: String, catalog: QuestionCatalog) throws {
    var rng = SystemRandomNumberGenerator()
    var seed: UInt64 = 0x5EED
    func next() -> UInt64 { seed = seed &* 6364136223846793005 &+ 1442695040888963407; return seed >> 33 }
    _ = rng
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    for i in 0..<count {
        var yaml = "version: 1\nname: bench-\(i)\n"
        var traffic = "", team = ""
        for q in catalog.questions where next() % 5 != 0 {
            let value: String
            switch q.kind {
            case .bool: value = next() % 2 == 0 ? "true" : "false"
            case .choice: value = q.choiceValues[Int(next() % UInt64(q.choiceValues.count))]
            case .int: value = String(Int(next() % 5000) + (q.minimum ?? 0))
            case .multi, .tags:
                let pool = q.choiceValues
                value = "[" + pool.filter { _ in next() % 3 == 0 }.joined(separator: ", ") + "]"
            }
            let path = q.path
            if path.count == 2 && path[0] == "traffic" { traffic += "  \(path[1]): \(value)\n" }
            else if path.count == 2 && path[0] == "team" { team += "  \(path[1]): \(value)\n" }
            else { yaml += "\(q.id): \(value)\n" }
        }
        if !traffic.isEmpty { yaml += "traffic:\n" + traffic }
        if !team.isEmpty { yaml += "team:\n" + team }
        try yaml.write(toFile: "\(folder)/p\(String(format: "%05d", i)).yaml", atomically: false, encoding: .utf8)
    }
}

let arguments = CommandLine.arguments
let files = RuleFiles(files: BundledRules.files, origin: "built-in")
guard let ruleSet = RuleSetLoader().load(files).ruleSet else { fatalError("built-in rules do not load") }

if arguments.count == 4 && arguments[1] == "generate-profiles" {
    try generateProfiles(count: Int(arguments[2]) ?? 10_000, into: arguments[3], catalog: ruleSet.catalog)
    exit(0)
}

let profileText = """
version: 1
name: deskpilot
description: Help-desk product
data_model: significant
admin_ui: true
auth: true
payments: true
growth: likely
scope: broad
workloads: [crud, content, webhooks, embeddings, streaming_inference, inference_gateway, background_jobs]
traffic:
  peak_rps: 3000
  latency_p99_ms: 250
performance_critical: true
team:
  size: 8
  knows: [django, fastapi]
"""
let loader = ProfileLoader(catalog: ruleSet.catalog)
let engine = DecisionEngine(ruleSet: ruleSet)
let profile = loader.load(text: profileText, file: "bench.yaml").profile!
nonisolated(unsafe) var sink = 0

let load = measure(runs: 200) { sink &+= RuleSetLoader().load(files).ruleSet?.rules.count ?? 0 }
let parse = measure(runs: 2000, inner: 10) { sink &+= loader.load(text: profileText, file: "b").profile?.answers.count ?? 0 }
let evaluate = measure(runs: 2000, inner: 10) { sink &+= engine.decide(profile).fired.count }
let json = measure(runs: 2000, inner: 10) { sink &+= engine.decide(profile).json(catalog: ruleSet.catalog).compact.utf8.count }

print("| step (in process, one core) | median | p10 | p90 |")
print("|---|---:|---:|---:|")
print("| load the built-in rule set (\(ruleSet.rules.count) rules, \(ruleSet.cases.count) cases) | \(micro(load.median)) | \(micro(load.p10)) | \(micro(load.p90)) |")
print("| parse + validate one profile | \(micro(parse.median)) | \(micro(parse.p10)) | \(micro(parse.p90)) |")
print("| evaluate one profile (trace, explanation, flips) | \(micro(evaluate.median)) | \(micro(evaluate.p10)) | \(micro(evaluate.p90)) |")
print("| evaluate + render JSON | \(micro(json.median)) | \(micro(json.p10)) | \(micro(json.p90)) |")
if sink == 42 { print("") }
