import DecisionModel
import Foundation
import RuleSpec

// libFuzzer entry points. SwiftPM links an executable's entry as `<module>_main`, so that function
// hands control to libFuzzer's driver, which calls `LLVMFuzzerTestOneInput` once per input.

@_silgen_name("LLVMFuzzerRunDriver")
func runDriver(_ argc: UnsafeMutablePointer<CInt>,
               _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
               _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt) -> CInt

/// The questionnaire of the repo's Rules/ folder (ARCHDECIDE_FUZZ_RULES, else ../Rules beside Fuzz/).
let loader: ProfileLoader = {
    let folder = ProcessInfo.processInfo.environment["ARCHDECIDE_FUZZ_RULES"]
        ?? URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../../Rules").standardizedFileURL.path
    guard case .success(let files) = RuleFiles.folder(folder),
          let ruleSet = RuleSetLoader(includeTests: false).load(files).ruleSet else {
        fatalError("profile-fuzz: cannot load the rules at \(folder)")
    }
    return ProfileLoader(catalog: ruleSet.catalog)
}()

/// One input: the reader must return (no crash, no hang), every diagnostic must be safe to print,
/// and a profile it accepts must survive being written and read again unchanged.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ bytes: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let data = bytes.map { Data(bytes: $0, count: count) } ?? Data()
    let result = loader.load(data: data, file: "fuzz.yaml")
    for d in result.diagnostics {
        let line = d.description
        if line.unicodeScalars.contains(where: EchoedText.isUnsafe) {
            fatalError("a diagnostic prints an unsafe character: \(line.debugDescription)")
        }
    }
    if let profile = result.profile {
        let text = ProfileWriter(catalog: loader.catalog).yaml(profile)
        guard let again = loader.load(text: text, file: "rewritten.yaml").profile else {
            fatalError("an accepted profile does not load once written:\n\(text)")
        }
        if again.answers != profile.answers || again.name != profile.name || again.description != profile.description {
            fatalError("an accepted profile changes when written and read:\n\(text)")
        }
    }
    return 0
}

@_cdecl("profile_fuzz_main")
func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var count = argc
    var arguments = argv
    _ = loader
    return runDriver(&count, &arguments, fuzzOne)
}
