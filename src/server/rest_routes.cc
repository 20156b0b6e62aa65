#include "src/server/rest_routes.h"

#include <rapidjson/document.h>
#include <rapidjson/error/en.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <algorithm>
#include <chrono>
#include <functional>
#include <string>
#include <vector>

#include "sources/document_reader.h"
#include "sources/xapian_kb.h"
#include "src/core/claim_extractor.h"
#include "src/core/renderer.h"
#include "src/core/report_json.h"
#include "src/server/http_responses.h"
#include "src/server/parallel_verify.h"

namespace fg::server {
namespace {

using Clock = std::chrono::steady_clock;
using JsonWriter = rapidjson::Writer<rapidjson::StringBuffer>;

constexpr size_t kMaxSearchResults = 100;

struct Ctx {
  const Request& request;
  unsigned version() const { return request.version(); }
  bool keep_alive() const { return request.keep_alive(); }
};

Response Error(const Ctx& ctx, http::status status, std::string_view message,
               std::string_view code) {
  return ErrorResponse(status, message, code, ctx.version(), ctx.keep_alive());
}

Response Json(const Ctx& ctx, std::string body, http::status status = http::status::ok) {
  return JsonResponse(status, std::move(body), ctx.version(), ctx.keep_alive());
}

void String(JsonWriter& w, std::string_view s) {
  w.String(s.data(), static_cast<rapidjson::SizeType>(s.size()));
}

// Parses the request body as a JSON object; on failure returns the 400 response to send.
std::optional<Response> ParseObject(const Ctx& ctx, rapidjson::Document& doc) {
  const std::string& body = ctx.request.body();
  doc.Parse<rapidjson::kParseValidateEncodingFlag>(body.data(), body.size());
  if (doc.HasParseError()) {
    return Error(ctx, http::status::bad_request,
                 "the request body is not valid JSON: " +
                     std::string(rapidjson::GetParseError_En(doc.GetParseError())) + " (at byte " +
                     std::to_string(doc.GetErrorOffset()) + ")",
                 "invalid_json");
  }
  if (!doc.IsObject()) {
    return Error(ctx, http::status::bad_request, "the request body must be a JSON object",
                 "invalid_request");
  }
  return std::nullopt;
}

// The "text" member: a string within the configured size limit.
std::optional<Response> TextMember(const Ctx& ctx, const Service& service,
                                   const rapidjson::Document& doc, std::string* text) {
  auto it = doc.FindMember("text");
  if (it == doc.MemberEnd() || !it->value.IsString()) {
    return Error(ctx, http::status::bad_request, "\"text\" is required and must be a string",
                 "invalid_request");
  }
  if (it->value.GetStringLength() > service.config.limits.max_text_bytes) {
    return Error(ctx, http::status::payload_too_large,
                 "\"text\" is longer than " + std::to_string(service.config.limits.max_text_bytes) +
                     " bytes",
                 "text_too_long");
  }
  text->assign(it->value.GetString(), it->value.GetStringLength());
  return std::nullopt;
}

asio::awaitable<Response> Verify(Service& service, const Ctx& ctx, RequestInfo& info) {
  rapidjson::Document doc;
  if (auto bad = ParseObject(ctx, doc)) co_return std::move(*bad);
  std::string text;
  if (auto bad = TextMember(ctx, service, doc, &text)) co_return std::move(*bad);
  Mode mode = Mode::kAnnotate;
  if (auto it = doc.FindMember("mode"); it != doc.MemberEnd()) {
    std::optional<Mode> parsed =
        it->value.IsString() ? ParseMode(it->value.GetString()) : std::nullopt;
    if (!parsed || *parsed == Mode::kOff) {
      co_return Error(ctx, http::status::bad_request,
                      "\"mode\" must be \"annotate\", \"cite\" or \"rewrite\"", "invalid_mode");
    }
    mode = *parsed;
  }
  // "sources": the configured sources to ask, each for every claim; [] asks none. Absent: the
  // configured behaviour (the web perhaps only as a fallback).
  const Pipeline* pipeline = &service.engine->pipeline();
  if (auto it = doc.FindMember("sources"); it != doc.MemberEnd()) {
    std::vector<std::string> names;
    bool strings = it->value.IsArray();
    for (size_t i = 0; strings && i < it->value.Size(); ++i) {
      strings = it->value[i].IsString();
      if (strings) names.emplace_back(it->value[i].GetString(), it->value[i].GetStringLength());
    }
    if (!strings) {
      co_return Error(ctx, http::status::bad_request,
                      "\"sources\" must be an array of source names", "invalid_sources");
    }
    Result<const Pipeline*> chosen = service.engine->PipelineFor(names);
    if (!chosen.ok()) {
      co_return Error(ctx, http::status::bad_request, "\"sources\": " + chosen.status().message(),
                      "invalid_sources");
    }
    pipeline = *chosen;
  }
  auto deadline = Clock::now() + std::chrono::milliseconds(service.config.budget_ms);
  auto start = Clock::now();
  Report report = co_await VerifyInParallel(*service.workers, *pipeline, text, deadline);
  service.metrics->VerificationObserved(
      std::chrono::duration<double>(Clock::now() - start).count());
  service.metrics->CountVerdicts(report);
  info.Count(report);
  if (!report.checked && service.config.fail_closed) {
    co_return Error(ctx, http::status::service_unavailable,
                    "the text could not be fully verified (fail_closed is set): " +
                        (report.errors.empty() ? std::string("unknown reason") : report.errors[0]),
                    "verification_incomplete");
  }
  std::string body = ReportToJson(report, JsonStyle{.pretty = false});
  if (mode == Mode::kCite || mode == Mode::kRewrite) {
    rapidjson::Document out;
    out.Parse(body.data(), body.size());
    std::string rendered =
        mode == Mode::kCite ? RenderCite(text, report) : RenderRewrite(text, report);
    out.AddMember("rendered", rapidjson::Value(rendered, out.GetAllocator()), out.GetAllocator());
    rapidjson::StringBuffer buffer;
    JsonWriter w(buffer);
    out.Accept(w);
    body.assign(buffer.GetString(), buffer.GetSize());
  }
  co_return Json(ctx, std::move(body));
}

asio::awaitable<Response> Claims(Service& service, const Ctx& ctx) {
  rapidjson::Document doc;
  if (auto bad = ParseObject(ctx, doc)) co_return std::move(*bad);
  std::string text;
  if (auto bad = TextMember(ctx, service, doc, &text)) co_return std::move(*bad);
  // Extraction is linear and fast, but a 1 MB text still takes milliseconds: keep it off the I/O
  // thread like everything else that scales with the input.
  std::string body = co_await OnWorkers(*service.workers, [&text] {
    return ClaimsToJson(ExtractClaims(text), JsonStyle{.pretty = false});
  });
  co_return Json(ctx, std::move(body));
}

asio::awaitable<Response> KbSearch(Service& service, const Ctx& ctx) {
  auto params =
      ParseQuery(std::string_view(ctx.request.target().data(), ctx.request.target().size()));
  std::string q = params["q"];
  if (q.find_first_not_of(" \t\r\n") == std::string::npos) {
    co_return Error(ctx, http::status::bad_request, "the query parameter \"q\" is required",
                    "invalid_request");
  }
  size_t k = 5;
  if (auto it = params.find("k"); it != params.end()) {
    char* end = nullptr;
    long v = std::strtol(it->second.c_str(), &end, 10);
    if (it->second.empty() || *end != '\0' || v < 1 || v > static_cast<long>(kMaxSearchResults)) {
      co_return Error(ctx, http::status::bad_request,
                      "\"k\" must be a whole number from 1 to " + std::to_string(kMaxSearchResults),
                      "invalid_request");
    }
    k = static_cast<size_t>(v);
  }
  const XapianKb* kb = service.engine->kb();
  if (kb == nullptr) {
    co_return Error(ctx, http::status::service_unavailable, "no knowledge base is configured",
                    "no_kb");
  }
  auto found = co_await OnWorkers(*service.workers, [kb, &q, k] { return kb->Search(q, k); });
  if (!found.ok()) {
    co_return Error(ctx, HttpStatusFor(found.status().code()), found.status().message(),
                    "kb_error");
  }
  rapidjson::StringBuffer buffer;
  JsonWriter w(buffer);
  w.StartObject();
  w.Key("query");
  String(w, q);
  w.Key("passages");
  w.StartArray();
  for (const Passage& p : *found) {
    w.StartObject();
    w.Key("doc_id");
    String(w, p.doc_id);
    w.Key("title");
    String(w, p.title);
    w.Key("url");
    if (p.url.empty()) {
      w.Null();
    } else {
      String(w, p.url);
    }
    w.Key("source");
    String(w, p.source);
    w.Key("text");
    String(w, p.text);
    w.Key("span");
    w.StartArray();
    w.Uint64(p.doc_offset);
    w.Uint64(p.doc_offset + p.text.size());
    w.EndArray();
    w.Key("score");
    w.Double(p.score);
    w.Key("rank");
    w.Int(p.rank);
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
  co_return Json(ctx, std::string(buffer.GetString(), buffer.GetSize()));
}

// Checks the bearer token of a KB write; returns the response to send when it is refused.
std::optional<Response> Authorize(const Service& service, const Ctx& ctx) {
  if (service.config.admin_token.empty()) {
    return Error(ctx, http::status::forbidden,
                 "knowledge-base writes are disabled: no admin token is configured",
                 "writes_disabled");
  }
  auto it = ctx.request.find(http::field::authorization);
  std::string_view given = it == ctx.request.end()
                               ? std::string_view()
                               : std::string_view(it->value().data(), it->value().size());
  const std::string expected = "Bearer " + service.config.admin_token;
  // Constant-time comparison: the token must not leak through timing.
  bool same = given.size() == expected.size();
  unsigned char diff = 0;
  for (size_t i = 0; i < expected.size(); ++i) {
    diff |= static_cast<unsigned char>(expected[i] ^ (i < given.size() ? given[i] : 0));
  }
  if (!same || diff != 0) {
    Response res =
        Error(ctx, http::status::unauthorized, "a valid bearer token is required", "invalid_token");
    res.set(http::field::www_authenticate, "Bearer");
    return res;
  }
  return std::nullopt;
}

// The documents of a POST /v1/kb/documents body: one JSON object, an array of objects, or JSONL.
Result<std::vector<Document>> ParseDocuments(std::string_view body) {
  std::vector<Document> docs;
  auto one = [&docs](const rapidjson::Value& value, const std::string& where) -> Status {
    auto doc = DocumentFromJson(value, "api");
    if (!doc.ok()) return doc.status().WithPrefix(where);
    docs.push_back(std::move(*doc));
    return Status::Ok();
  };
  // One JSON value (object or array) when the whole body parses; JSONL otherwise.
  rapidjson::Document json;
  json.Parse<rapidjson::kParseValidateEncodingFlag>(body.data(), body.size());
  bool whole = !json.HasParseError();
  if (whole && json.IsArray()) {
    size_t i = 0;
    for (const auto& v : json.GetArray()) {
      Status s = one(v, "document " + std::to_string(i++) + ": ");
      if (!s.ok()) return s;
    }
  } else if (whole && json.IsObject()) {
    Status s = one(json, "");
    if (!s.ok()) return s;
  } else {
    size_t line_no = 0;
    size_t pos = 0;
    while (pos < body.size()) {
      size_t nl = body.find('\n', pos);
      std::string_view line =
          body.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos);
      pos = nl == std::string_view::npos ? body.size() : nl + 1;
      ++line_no;
      if (line.find_first_not_of(" \t\r") == std::string_view::npos) continue;
      rapidjson::Document line_json;
      line_json.Parse<rapidjson::kParseValidateEncodingFlag>(line.data(), line.size());
      std::string where = "line " + std::to_string(line_no) + ": ";
      if (line_json.HasParseError()) {
        return Status::InvalidArgument(
            where + "invalid JSON: " + rapidjson::GetParseError_En(line_json.GetParseError()));
      }
      Status s = one(line_json, where);
      if (!s.ok()) return s;
    }
  }
  if (docs.empty()) return Status::InvalidArgument("the body holds no documents");
  return docs;
}

std::string CountsJson(const KbWriteCounts& counts) {
  rapidjson::StringBuffer buffer;
  JsonWriter w(buffer);
  w.StartObject();
  w.Key("documents_added");
  w.Uint64(counts.documents_added);
  w.Key("documents_replaced");
  w.Uint64(counts.documents_replaced);
  w.Key("documents_deleted");
  w.Uint64(counts.documents_deleted);
  w.Key("passages_added");
  w.Uint64(counts.passages_added);
  w.Key("passages_removed");
  w.Uint64(counts.passages_removed);
  w.EndObject();
  return std::string(buffer.GetString(), buffer.GetSize());
}

// Runs one KB write transaction on the first configured KB directory: `change` adds or deletes,
// then everything is committed at once (or nothing is).
// One KB write transaction on the first configured KB directory: the change adds or deletes,
// then everything is committed at once (or nothing is). Runs on a worker thread.
using KbChange = std::function<Status(KbWriter&)>;
Result<KbWriteCounts> WriteKbNow(Service& service, const KbChange& change) {
  std::lock_guard lock(service.kb_write_mu);
  auto writer = KbWriter::Open(service.config.kb.front());
  if (!writer.ok()) return writer.status();
  Status s = change(**writer);
  if (!s.ok()) return s;  // the writer's destructor cancels the transaction
  s = (*writer)->Commit();
  if (!s.ok()) return s;
  return (*writer)->counts();
}

std::optional<Response> RequireWritableKb(const Service& service, const Ctx& ctx) {
  if (service.config.kb.empty() || service.engine->kb() == nullptr) {
    return Error(ctx, http::status::service_unavailable, "no knowledge base is configured",
                 "no_kb");
  }
  if (service.config.kb.front().starts_with("tcp://")) {
    return Error(ctx, http::status::service_unavailable,
                 "the first knowledge base is a remote shard and cannot be written here",
                 "kb_read_only");
  }
  return std::nullopt;
}

asio::awaitable<Response> KbAdd(Service& service, const Ctx& ctx) {
  if (auto refused = Authorize(service, ctx)) co_return std::move(*refused);
  if (auto refused = RequireWritableKb(service, ctx)) co_return std::move(*refused);
  auto docs = ParseDocuments(ctx.request.body());
  if (!docs.ok()) {
    co_return Error(ctx, HttpStatusFor(docs.status().code()), docs.status().message(),
                    "invalid_document");
  }
  // GCC 12 destroys lambdas with owning captures twice when they are temporaries inside a
  // co_await expression; the lambdas handed to the workers capture by reference only, and what
  // they refer to lives in this coroutine's frame until the co_await completes.
  const std::vector<Document>& documents = *docs;
  KbChange add = [&documents](KbWriter& writer) {
    for (const Document& d : documents) {
      Status s = writer.Add(d);
      if (!s.ok()) return s.WithPrefix("document \"" + d.id + "\": ");
    }
    return Status::Ok();
  };
  auto counts =
      co_await OnWorkers(*service.workers, [&service, &add] { return WriteKbNow(service, add); });
  if (!counts.ok()) {
    co_return Error(ctx, HttpStatusFor(counts.status().code()), counts.status().message(),
                    "kb_write_failed");
  }
  co_return Json(ctx, CountsJson(*counts));
}

asio::awaitable<Response> KbDelete(Service& service, const Ctx& ctx, const std::string& id) {
  if (auto refused = Authorize(service, ctx)) co_return std::move(*refused);
  if (auto refused = RequireWritableKb(service, ctx)) co_return std::move(*refused);
  KbChange remove = [&id](KbWriter& writer) { return writer.Delete(id); };
  auto counts = co_await OnWorkers(*service.workers,
                                   [&service, &remove] { return WriteKbNow(service, remove); });
  if (!counts.ok()) {
    co_return Error(ctx, HttpStatusFor(counts.status().code()), counts.status().message(),
                    counts.status().code() == Status::Code::kNotFound ? "document_not_found"
                                                                      : "kb_write_failed");
  }
  co_return Json(ctx, CountsJson(*counts));
}

Response Readyz(const Service& service, const Ctx& ctx) {
  // Ready with somewhere to look for evidence (a KB or a web source) and an upstream to relay to.
  std::vector<std::string> sources = service.engine->source_names();
  bool upstream = service.HasUpstream();
  bool ready = !sources.empty() && upstream && !service.draining.load();
  rapidjson::StringBuffer buffer;
  JsonWriter w(buffer);
  w.StartObject();
  w.Key("ready");
  w.Bool(ready);
  w.Key("kb");
  w.Bool(service.engine->kb() != nullptr);
  w.Key("sources");
  w.StartArray();
  for (const std::string& name : sources) w.String(name);
  w.EndArray();
  w.Key("upstream");
  w.Bool(upstream);
  w.Key("draining");
  w.Bool(service.draining.load());
  w.EndObject();
  return Json(ctx, std::string(buffer.GetString(), buffer.GetSize()),
              ready ? http::status::ok : http::status::service_unavailable);
}

}  // namespace

asio::awaitable<Response> HandleRestRoute(Service& service, const RouteMatch& match,
                                          const Request& request, RequestInfo& info) {
  Ctx ctx{request};
  switch (match.route) {
    case Route::kVerify:
      co_return co_await Verify(service, ctx, info);
    case Route::kClaims:
      co_return co_await Claims(service, ctx);
    case Route::kKbSearch:
      co_return co_await KbSearch(service, ctx);
    case Route::kKbAddDocuments:
      co_return co_await KbAdd(service, ctx);
    case Route::kKbDeleteDocument:
      co_return co_await KbDelete(service, ctx, match.param);
    case Route::kHealthz:
      co_return Json(ctx, "{\"status\":\"ok\"}");
    case Route::kReadyz:
      co_return Readyz(service, ctx);
    case Route::kMetrics: {
      Response res{http::status::ok, ctx.version()};
      res.set(http::field::content_type, "text/plain; version=0.0.4; charset=utf-8");
      res.keep_alive(ctx.keep_alive());
      res.body() = service.metrics->Render();
      res.prepare_payload();
      co_return res;
    }
    case Route::kMethodNotAllowed: {
      Response res =
          Error(ctx, http::status::method_not_allowed,
                "method " + std::string(request.method_string()) + " is not allowed here",
                "method_not_allowed");
      res.set(http::field::allow, match.allow);
      co_return res;
    }
    default:
      co_return Error(ctx, http::status::not_found,
                      "no route " + std::string(TargetPath(std::string_view(
                                        request.target().data(), request.target().size()))),
                      "not_found");
  }
}

}  // namespace fg::server
