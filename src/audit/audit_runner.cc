// The audit runner: reader thread, verifying workers, ordered writer with checkpoints.
#include "src/audit/audit_runner.h"

#include <sys/stat.h>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>

#include "src/audit/audit_state.h"
#include "src/audit/line_reader.h"
#include "src/audit/training_export.h"

namespace fg::audit {
namespace {

using Clock = std::chrono::steady_clock;

bool IsBlank(std::string_view text) {
  return std::all_of(text.begin(), text.end(), [](unsigned char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
  });
}

// One input line on its way from the reader to the writer.
struct WorkItem {
  uint64_t seq = 0;  // 1-based, over all inputs in order
  size_t input = 0;
  Line line;
  std::string read_error;  // the input could not be read past this point
};

// What the writer does with one line.
struct Done {
  bool bad = false;
  std::string error_row;
  std::string claim_rows;
  std::string transcript_row;
  std::string sft;
  std::string preferences;
  std::optional<TranscriptResult> result;
  uint64_t claims = 0;
};

std::string Fingerprint(const AuditOptions& options) {
  rapidjson::StringBuffer buffer;
  JsonWriter w(buffer);
  w.StartObject();
  w.Key("inputs");
  w.StartArray();
  for (const std::string& input : options.inputs) {
    w.StartObject();
    w.Key("path");
    w.String(input);
    struct stat st {};
    if (input != "-" && ::stat(input.c_str(), &st) == 0) {
      w.Key("size");
      w.Uint64(static_cast<uint64_t>(st.st_size));
      w.Key("mtime_ns");
      w.Uint64(static_cast<uint64_t>(st.st_mtim.tv_sec) * 1000000000ull +
               static_cast<uint64_t>(st.st_mtim.tv_nsec));
    }
    w.EndObject();
  }
  w.EndArray();
  w.Key("export_sft");
  w.String(options.export_sft);
  w.Key("export_preferences");
  w.String(options.export_preferences);
  w.Key("report_max_transcripts");
  w.Uint64(options.report.max_transcripts);
  w.Key("max_line_bytes");
  w.Uint64(options.max_line_bytes);
  w.Key("engine");
  w.String(options.fingerprint);
  w.EndObject();
  return std::string(buffer.GetString(), buffer.GetSize());
}

// The output files of one run, by role.
struct Parts {
  std::unique_ptr<PartFile> claims, transcripts, errors, sft, preferences;

  std::vector<PartFile*> All() const {
    std::vector<PartFile*> all;
    for (const auto* p : {&claims, &transcripts, &errors, &sft, &preferences}) {
      if (*p) all.push_back(p->get());
    }
    return all;
  }
};

std::string OutPath(const AuditOptions& options, const char* name) {
  return (std::filesystem::path(options.out_dir) / name).string();
}

// The final paths of the appended outputs, in a fixed order.
std::vector<std::string> AppendedPaths(const AuditOptions& options) {
  std::vector<std::string> paths = {OutPath(options, "claims.jsonl"),
                                    OutPath(options, "transcripts.jsonl"),
                                    OutPath(options, "errors.jsonl")};
  if (!options.export_sft.empty()) paths.push_back(options.export_sft);
  if (!options.export_preferences.empty()) paths.push_back(options.export_preferences);
  return paths;
}

Result<Parts> OpenParts(const AuditOptions& options, const AuditState* resume_from) {
  std::vector<std::string> paths = AppendedPaths(options);
  std::vector<std::unique_ptr<PartFile>> files;
  for (const std::string& path : paths) {
    uint64_t size = 0;
    if (resume_from != nullptr) {
      auto it = resume_from->parts.find(path);
      if (it == resume_from->parts.end()) {
        return Status::InvalidArgument("the interrupted audit has no record of " + path);
      }
      size = it->second;
    }
    Result<std::unique_ptr<PartFile>> file =
        resume_from != nullptr ? PartFile::Reopen(path, size) : PartFile::Create(path);
    if (!file.ok()) return file.status();
    files.push_back(std::move(*file));
  }
  Parts parts;
  parts.claims = std::move(files[0]);
  parts.transcripts = std::move(files[1]);
  parts.errors = std::move(files[2]);
  size_t next = 3;
  if (!options.export_sft.empty()) parts.sft = std::move(files[next++]);
  if (!options.export_preferences.empty()) parts.preferences = std::move(files[next++]);
  return parts;
}

// Removes what an earlier audit left in the folder, so that a new run never mixes with it.
void RemoveOldOutputs(const AuditOptions& options) {
  std::error_code ec;
  for (const char* name :
       {"claims.jsonl", "transcripts.jsonl", "errors.jsonl", "summary.json", "report.html"}) {
    std::string path = OutPath(options, name);
    std::filesystem::remove(path, ec);
    std::filesystem::remove(path + ".part", ec);
  }
}

// The state of the line stream shared by the reader, the workers and the writer.
class Exchange {
 public:
  explicit Exchange(size_t window) : window_(window) {}

  // Reader: blocks while `window` items are between reading and writing.
  void Push(WorkItem item) {
    std::unique_lock lock(mu_);
    space_.wait(lock, [&] { return in_flight_ < window_; });
    ++in_flight_;
    ++produced_;
    queue_.push_back(std::move(item));
    work_.notify_one();
  }
  void CloseInput() {
    std::lock_guard lock(mu_);
    input_closed_ = true;
    work_.notify_all();
    done_.notify_all();
  }
  // Worker: the next item, or nullopt when the input is closed and drained.
  std::optional<WorkItem> Take() {
    std::unique_lock lock(mu_);
    work_.wait(lock, [&] { return !queue_.empty() || input_closed_; });
    if (queue_.empty()) return std::nullopt;
    WorkItem item = std::move(queue_.front());
    queue_.pop_front();
    return item;
  }
  void Deliver(uint64_t seq, Done done) {
    std::lock_guard lock(mu_);
    finished_.emplace(seq, std::move(done));
    done_.notify_all();
  }
  // Writer: the result for `seq`, or nullopt when the input closed before reaching it.
  std::optional<Done> Await(uint64_t seq, uint64_t first_seq) {
    std::unique_lock lock(mu_);
    done_.wait(lock, [&] {
      return finished_.count(seq) > 0 || (input_closed_ && seq >= first_seq + produced_);
    });
    auto it = finished_.find(seq);
    if (it == finished_.end()) return std::nullopt;
    Done done = std::move(it->second);
    finished_.erase(it);
    return done;
  }
  void Release() {
    std::lock_guard lock(mu_);
    --in_flight_;
    space_.notify_one();
  }

 private:
  const size_t window_;
  std::mutex mu_;
  std::condition_variable space_, work_, done_;
  std::deque<WorkItem> queue_;
  std::map<uint64_t, Done> finished_;
  size_t in_flight_ = 0;
  uint64_t produced_ = 0;
  bool input_closed_ = false;
};

// Reads every input in order and hands each line past the first `skip` to the exchange. Returns
// whether it got to the end (false when told to stop).
bool ReadInputs(const AuditOptions& options, uint64_t skip, const std::atomic<bool>& abort,
                Exchange* exchange) {
  auto stopping = [&] { return abort.load() || (options.stop != nullptr && options.stop->load()); };
  uint64_t seq = 0;
  bool reached_end = true;
  for (size_t input = 0; input < options.inputs.size() && reached_end; ++input) {
    if (stopping()) {
      reached_end = false;
      break;
    }
    auto reader = LineReader::Open(options.inputs[input], options.max_line_bytes);
    if (!reader.ok()) {
      WorkItem item;
      item.seq = ++seq;
      item.input = input;
      item.read_error = reader.status().message();
      if (seq > skip) exchange->Push(std::move(item));
      continue;
    }
    while (true) {
      if (stopping()) {
        reached_end = false;
        break;
      }
      WorkItem item;
      item.input = input;
      Result<bool> more = (*reader)->Next(&item.line);
      if (!more.ok()) {
        item.read_error = more.status().message();
        item.line = Line{};
      } else if (!*more) {
        break;
      }
      item.seq = ++seq;
      bool failed = !item.read_error.empty();
      if (seq > skip) exchange->Push(std::move(item));
      if (failed) break;
    }
  }
  exchange->CloseInput();
  return reached_end;
}

Done Process(const Pipeline& pipeline, const AuditOptions& options, WorkItem item) {
  Done done;
  const std::string& file = options.inputs[item.input];
  std::string reason;
  if (!item.read_error.empty()) {
    reason = "read error: " + item.read_error;
  } else if (item.line.too_long) {
    reason = "line longer than " + std::to_string(options.max_line_bytes) + " bytes";
  } else {
    Result<Transcript> transcript = ParseTranscriptLine(item.line.text);
    if (!transcript.ok()) {
      reason = transcript.status().message();
    } else {
      TranscriptResult result =
          CheckTranscript(pipeline, std::move(*transcript), file, item.line.number);
      done.claim_rows = ClaimRows(result);
      done.transcript_row = TranscriptRow(result);
      if (!options.export_sft.empty()) done.sft = SftRecord(result);
      if (!options.export_preferences.empty()) done.preferences = PreferenceRecords(result);
      done.claims = CountVerdicts(result).claims;
      done.result = std::move(result);
      return done;
    }
  }
  done.bad = true;
  done.error_row = ErrorRow(file, item.line.number, reason);
  return done;
}

Status Checkpoint(const Parts& parts, uint64_t lines_done, const AuditTotals& totals,
                  double elapsed_s, const std::string& fingerprint, const std::string& state_path) {
  AuditState state;
  state.fingerprint = fingerprint;
  state.lines_done = lines_done;
  state.totals = totals;
  state.elapsed_s = elapsed_s;
  for (PartFile* part : parts.All()) {
    Status synced = part->Sync();
    if (!synced.ok()) return synced;
    state.parts[part->path()] = part->size();
  }
  return state.Save(state_path);
}

Status Finalize(const AuditOptions& options, Parts& parts, const AuditTotals& totals,
                double elapsed_s, const std::string& fingerprint, const std::string& state_path) {
  for (PartFile* part : parts.All()) {
    Status synced = part->Sync();
    if (!synced.ok()) return synced;
  }
  SummaryContext context = options.context;
  context.inputs = options.inputs;
  context.elapsed_s = elapsed_s;
  auto summary = PartFile::Create(OutPath(options, "summary.json"));
  if (!summary.ok()) return summary.status();
  Status written = (*summary)->Append(totals.SummaryJson(context));
  if (!written.ok()) return written;
  written = (*summary)->Sync();
  if (!written.ok()) return written;
  std::string report = OutPath(options, "report.html");
  HtmlReportInputs inputs;
  inputs.summary_json = (*summary)->part_path();
  inputs.transcripts_jsonl = parts.transcripts->part_path();
  inputs.claims_jsonl = parts.claims->part_path();
  written = WriteHtmlReport(inputs, report + ".part", options.report);
  if (!written.ok()) return written;
  for (PartFile* part : parts.All()) {
    Status committed = part->Commit();
    if (!committed.ok()) return committed;
  }
  written = (*summary)->Commit();
  if (!written.ok()) return written;
  if (std::rename((report + ".part").c_str(), report.c_str()) != 0) {
    return Status::Internal("cannot rename " + report + ".part");
  }
  AuditState state;
  state.fingerprint = fingerprint;
  state.lines_done = 0;
  state.complete = true;
  state.totals = totals;
  state.elapsed_s = elapsed_s;
  return state.Save(state_path);
}

}  // namespace

Result<std::vector<std::string>> ExpandInputs(const std::vector<std::string>& inputs) {
  std::vector<std::string> out;
  for (const std::string& input : inputs) {
    std::error_code ec;
    if (input == "-" || !std::filesystem::is_directory(input, ec)) {
      out.push_back(input);
      continue;
    }
    std::vector<std::string> found;
    auto options = std::filesystem::directory_options::skip_permission_denied;
    for (std::filesystem::recursive_directory_iterator it(input, options, ec), end;
         !ec && it != end; it.increment(ec)) {
      if (!it->is_regular_file(ec)) continue;
      std::string name = it->path().filename().string();
      if (name.size() > 3 && name.ends_with(".gz")) name.resize(name.size() - 3);
      if (name.ends_with(".jsonl") || name.ends_with(".ndjson") || name.ends_with(".json")) {
        found.push_back(it->path().string());
      }
    }
    if (ec) return Status::InvalidArgument("cannot read the folder " + input + ": " + ec.message());
    if (found.empty()) {
      return Status::InvalidArgument("the folder " + input +
                                     " holds no .jsonl, .ndjson or .json files (plain or .gz)");
    }
    std::sort(found.begin(), found.end());
    out.insert(out.end(), found.begin(), found.end());
  }
  return out;
}

TranscriptResult CheckTranscript(const Pipeline& pipeline, Transcript transcript,
                                 const std::string& file, size_t line) {
  TranscriptResult result;
  result.id = TranscriptId(transcript, file, line);
  result.file = file;
  result.line = line;
  result.transcript = std::move(transcript);
  size_t next_id = 1;
  const std::vector<Message>& messages = result.transcript.messages;
  for (size_t i = 0; i < messages.size(); ++i) {
    if (messages[i].role != "assistant" || IsBlank(messages[i].content)) continue;
    CheckedTurn turn;
    turn.turn = static_cast<int>(i);
    turn.report = pipeline.Verify(messages[i].content);
    for (ClaimResult& claim : turn.report.claims) claim.claim.id = "c" + std::to_string(next_id++);
    result.turns.push_back(std::move(turn));
  }
  return result;
}

Result<AuditOutcome> RunAudit(const Pipeline& pipeline, const AuditOptions& options) {
  if (options.inputs.empty()) return Status::InvalidArgument("no input given");
  if (options.resume && options.overwrite) {
    return Status::InvalidArgument("--resume and --overwrite exclude each other");
  }
  for (const std::string& input : options.inputs) {
    if (input == "-") continue;
    auto reader = LineReader::Open(input, options.max_line_bytes);
    if (!reader.ok()) return reader.status();
  }
  std::error_code ec;
  std::filesystem::create_directories(options.out_dir, ec);
  if (ec) return Status::InvalidArgument("cannot create " + options.out_dir + ": " + ec.message());
  const std::string state_path = AuditState::PathIn(options.out_dir);
  const std::string fingerprint = Fingerprint(options);

  std::optional<AuditState> previous;
  if (auto loaded = AuditState::Load(state_path); loaded.ok()) {
    previous = std::move(*loaded);
  } else if (loaded.status().code() != Status::Code::kNotFound) {
    if (options.resume) return loaded.status();
  }
  AuditOutcome outcome;
  const AuditState* resume_from = nullptr;
  if (previous && !previous->complete && !options.resume && !options.overwrite) {
    return Status::InvalidArgument(
        options.out_dir + " holds an unfinished audit (" + std::to_string(previous->lines_done) +
        " lines done): add --resume to finish it, or --overwrite to start again");
  }
  if (options.resume && previous) {
    if (previous->fingerprint != fingerprint) {
      return Status::InvalidArgument(
          "cannot resume: the inputs or options differ from those of the audit in " +
          options.out_dir + " (start again with --overwrite)");
    }
    if (previous->complete) {
      outcome.totals = previous->totals;
      outcome.already_complete = true;
      return outcome;
    }
    resume_from = &*previous;
  }
  if (resume_from == nullptr) RemoveOldOutputs(options);
  auto opened = OpenParts(options, resume_from);
  if (!opened.ok()) return opened.status();
  Parts parts = std::move(*opened);

  AuditTotals totals = resume_from ? resume_from->totals : AuditTotals{};
  uint64_t lines_done = resume_from ? resume_from->lines_done : 0;
  double earlier_elapsed = resume_from ? resume_from->elapsed_s : 0;
  // The state on disk always describes the parts as they are now.
  Status saved = Checkpoint(parts, lines_done, totals, earlier_elapsed, fingerprint, state_path);
  if (!saved.ok()) return saved;

  uint64_t total_lines = 0;
  if (options.progress != ProgressStyle::kQuiet) {
    for (const std::string& input : options.inputs) {
      auto count =
          input == "-" ? Result<size_t>(Status::InvalidArgument("stdin")) : CountLines(input);
      if (!count.ok()) {
        total_lines = 0;
        break;
      }
      total_lines += *count;
    }
  }
  Progress progress(options.progress, total_lines, lines_done, stderr, options.progress_interval_s);

  size_t threads = options.threads;
  if (threads == 0) threads = std::max(1u, std::thread::hardware_concurrency());
  Exchange exchange(options.window == 0 ? 64 * threads : options.window);
  const uint64_t skip = lines_done;
  std::atomic<bool> abort{false};
  bool reached_end = false;
  std::thread reader([&] { reached_end = ReadInputs(options, skip, abort, &exchange); });
  std::vector<std::thread> workers;
  for (size_t i = 0; i < threads; ++i) {
    workers.emplace_back([&] {
      while (std::optional<WorkItem> item = exchange.Take()) {
        uint64_t seq = item->seq;
        exchange.Deliver(seq, Process(pipeline, options, std::move(*item)));
      }
    });
  }

  const auto start = Clock::now();
  auto elapsed = [&] {
    return earlier_elapsed + std::chrono::duration<double>(Clock::now() - start).count();
  };
  auto last_checkpoint = start;
  uint64_t run_claims = 0;
  Status failed = Status::Ok();
  for (uint64_t seq = skip + 1;; ++seq) {
    std::optional<Done> done = exchange.Await(seq, skip + 1);
    if (!done) break;
    if (failed.ok()) {
      if (done->bad) {
        failed = parts.errors->Append(done->error_row);
        totals.AddBadLine();
      } else {
        failed = parts.claims->Append(done->claim_rows);
        if (failed.ok()) failed = parts.transcripts->Append(done->transcript_row);
        if (failed.ok() && parts.sft) failed = parts.sft->Append(done->sft);
        if (failed.ok() && parts.preferences) failed = parts.preferences->Append(done->preferences);
        totals.Add(*done->result);
        run_claims += done->claims;
      }
      if (failed.ok()) lines_done = seq;
      if (!failed.ok()) abort = true;
    }
    exchange.Release();
    progress.Update(lines_done, run_claims);
    if (failed.ok() && std::chrono::duration<double>(Clock::now() - last_checkpoint).count() >=
                           options.checkpoint_interval_s) {
      failed = Checkpoint(parts, lines_done, totals, elapsed(), fingerprint, state_path);
      last_checkpoint = Clock::now();
      if (!failed.ok()) abort = true;
    }
  }
  reader.join();
  for (std::thread& worker : workers) worker.join();
  if (!failed.ok()) return failed;

  outcome.lines_done = lines_done;
  outcome.totals = totals;
  if (!reached_end) {
    progress.Finish(lines_done, run_claims);
    Status checkpointed = Checkpoint(parts, lines_done, totals, elapsed(), fingerprint, state_path);
    if (!checkpointed.ok()) return checkpointed;
    outcome.interrupted = true;
    return outcome;
  }
  progress.Finish(lines_done, run_claims);
  Status finalized = Finalize(options, parts, totals, elapsed(), fingerprint, state_path);
  if (!finalized.ok()) return finalized;
  return outcome;
}

}  // namespace fg::audit
