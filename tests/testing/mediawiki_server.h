// MediaWikiServer: a real MediaWiki (Debian's mediawiki 1.39, php-cli, php-sqlite3) on 127.0.0.1
// for one test. The constructor writes the pages to WORKDIR/pages.jsonl, installs a fresh wiki
// into WORKDIR with tests/fixtures/mediawiki/install_wiki.sh (SQLite, TextExtracts, the pages
// imported and searchable; see that script's header for what it sets up and its findings), and
// serves it with `php -S 127.0.0.1:PORT -t WORKDIR/w` in its own process group, its output in
// WORKDIR/php-server.log, until the API answers. The script is found through the FG_SOURCE_DIR
// environment variable, which ctest sets for every test.
//
// Search with srwhat=text: the wiki's database search backend searches only titles by default,
// and with srwhat=text only the page text.
//
// Not thread-safe; the object owns the server process, not the workdir (use a TempDir).
#pragma once

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <thread>
#include <vector>

#include "sources/http_fetcher.h"
#include "tests/testing/loopback.h"

extern char** environ;

namespace fg::testing {

// A MediaWiki on 127.0.0.1 for one test: installs into `workdir` with the given pages
// (title, wikitext) and serves it with `php -S` in its own process group; stopped on destruction.
class MediaWikiServer {
 public:
  struct Page {
    std::string title;
    std::string wikitext;
  };

  // Empty `why_not` on success; otherwise the reason (missing packages, install failed with its
  // output).
  MediaWikiServer(const std::string& workdir, const std::vector<Page>& pages, std::string* why_not)
      : workdir_(workdir) {
    why_not->clear();
    if (!Installed()) {
      *why_not = MissingPackages();
      return;
    }
    const char* source_dir = std::getenv("FG_SOURCE_DIR");
    if (source_dir == nullptr || *source_dir == '\0') {
      *why_not =
          "FG_SOURCE_DIR is not set (ctest sets it to the factgate source folder; set it when "
          "running the test by hand)";
      return;
    }
    std::string script = std::string(source_dir) + "/tests/fixtures/mediawiki/install_wiki.sh";
    if (!std::filesystem::exists(script)) {
      *why_not = script + " is missing (is FG_SOURCE_DIR the factgate source folder?)";
      return;
    }
    std::error_code ec;
    std::filesystem::create_directories(workdir_, ec);
    if (ec) {
      *why_not = "cannot create " + workdir_ + ": " + ec.message();
      return;
    }
    std::string pages_file = workdir_ + "/pages.jsonl";
    if (!WritePages(pages_file, pages)) {
      *why_not = "cannot write " + pages_file;
      return;
    }

    port_ = FreeLoopbackPort();
    std::string install_out = workdir_ + "/install_wiki.out";
    auto start = std::chrono::steady_clock::now();
    int status =
        Run({"/bin/bash", script, workdir_, std::to_string(port_), pages_file}, install_out);
    install_seconds_ =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (status != 0) {
      *why_not = "install_wiki.sh failed (" + DescribeStatus(status) + "): " + Tail(install_out);
      return;
    }

    // php -S: one process (no PHP_CLI_SERVER_WORKERS, whose forked workers would outlive a killed
    // parent), in its own group so that Stop() reaches whatever it runs.
    std::string log = workdir_ + "/php-server.log";
    pid_ = Spawn({"php", "-S", "127.0.0.1:" + std::to_string(port_), "-t", workdir_ + "/w"}, log,
                 /*own_group=*/true);
    if (pid_ <= 0) {
      *why_not = "cannot start php -S";
      pid_ = -1;
      return;
    }
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    std::string last_error;
    while (std::chrono::steady_clock::now() < deadline) {
      int child_status = 0;
      if (waitpid(pid_, &child_status, WNOHANG) == pid_) {
        pid_ = -1;
        *why_not = "php -S exited (" + DescribeStatus(child_status) + "): " + Tail(log);
        return;
      }
      FetchOptions options = LoopbackFetchOptions();
      options.timeout = std::chrono::milliseconds(5000);
      auto answer = Fetch(api_url() + "?action=query&meta=siteinfo&format=json", options);
      if (answer.ok() && answer->status == 200) return;
      last_error = answer.ok() ? "HTTP " + std::to_string(answer->status) + ": " + answer->body
                               : answer.status().ToString();
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    Stop();
    *why_not =
        "the wiki's API did not answer within 30 s (" + last_error + "); php -S log: " + Tail(log);
  }

  ~MediaWikiServer() { Stop(); }
  MediaWikiServer(const MediaWikiServer&) = delete;
  MediaWikiServer& operator=(const MediaWikiServer&) = delete;

  // Kills the php -S process group and waits for the server.
  void Stop() {
    if (pid_ <= 0) return;
    kill(-pid_, SIGKILL);
    waitpid(pid_, nullptr, 0);
    pid_ = -1;
  }

  int port() const { return port_; }
  std::string api_url() const { return base_url() + "/api.php"; }  // ".../api.php"
  std::string base_url() const { return "http://127.0.0.1:" + std::to_string(port_); }
  const std::string& workdir() const { return workdir_; }
  // How long install_wiki.sh took (install, import, search index), in seconds.
  double install_seconds() const { return install_seconds_; }

  // Fetch options that let fg::Fetch reach the wiki (loopback is refused unless listed).
  static FetchOptions LoopbackFetchOptions() {
    FetchOptions options;
    options.policy.allowed_hosts = {"127.0.0.1"};
    options.policy.private_hosts = {"127.0.0.1"};
    options.timeout = std::chrono::milliseconds(10000);
    return options;
  }

  // Whether php and Debian's MediaWiki are there (php-sqlite3 is checked by install_wiki.sh).
  static bool Installed() {
    return OnPath("php") && std::filesystem::exists("/usr/share/mediawiki/api.php") &&
           std::filesystem::exists("/usr/share/mediawiki/maintenance/install.php");
  }
  static std::string MissingPackages() {
    return "php or /usr/share/mediawiki is missing (apt-get install mediawiki php-cli "
           "php-sqlite3; see config/debian-packages.txt)";
  }

 private:
  static bool OnPath(const std::string& program) {
    const char* path = std::getenv("PATH");
    std::string dirs = path != nullptr ? path : "/usr/bin:/bin";
    size_t begin = 0;
    while (begin <= dirs.size()) {
      size_t end = dirs.find(':', begin);
      if (end == std::string::npos) end = dirs.size();
      std::string dir = dirs.substr(begin, end - begin);
      if (!dir.empty() && access((dir + "/" + program).c_str(), X_OK) == 0) return true;
      begin = end + 1;
    }
    return false;
  }

  // One JSON object a line: {"title": ..., "text": ...}.
  static bool WritePages(const std::string& file, const std::vector<Page>& pages) {
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    for (const Page& page : pages) {
      rapidjson::StringBuffer buffer;
      rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
      writer.StartObject();
      writer.Key("title");
      writer.String(page.title.data(), static_cast<rapidjson::SizeType>(page.title.size()));
      writer.Key("text");
      writer.String(page.wikitext.data(), static_cast<rapidjson::SizeType>(page.wikitext.size()));
      writer.EndObject();
      out << buffer.GetString() << '\n';
    }
    out.close();
    return static_cast<bool>(out);
  }

  // Starts `args` (looked up on PATH) with stdin from /dev/null and stdout and stderr appended to
  // `log`; the child's pid, or -1.
  static pid_t Spawn(std::vector<std::string> args, const std::string& log, bool own_group) {
    std::vector<char*> argv;
    for (std::string& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    // The environment without PHP_CLI_SERVER_WORKERS (see the constructor).
    std::vector<char*> envp;
    for (char** e = environ; *e != nullptr; ++e) {
      if (std::strncmp(*e, "PHP_CLI_SERVER_WORKERS=", 23) != 0) envp.push_back(*e);
    }
    envp.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&actions, 1, log.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
    posix_spawn_file_actions_adddup2(&actions, 1, 2);
    posix_spawnattr_t attr;
    posix_spawnattr_init(&attr);
    if (own_group) {
      posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETPGROUP);
      posix_spawnattr_setpgroup(&attr, 0);
    }
    pid_t pid = -1;
    int rc = posix_spawnp(&pid, argv[0], &actions, &attr, argv.data(), envp.data());
    posix_spawnattr_destroy(&attr);
    posix_spawn_file_actions_destroy(&actions);
    return rc == 0 ? pid : -1;
  }

  // Runs `args` to the end with its output in `log`; the wait status, or -1.
  static int Run(std::vector<std::string> args, const std::string& log) {
    pid_t pid = Spawn(std::move(args), log, /*own_group=*/false);
    if (pid <= 0) return -1;
    int status = 0;
    if (waitpid(pid, &status, 0) != pid) return -1;
    return status;
  }

  static std::string DescribeStatus(int status) {
    if (status == -1) return "could not be run";
    if (WIFEXITED(status)) return "exit status " + std::to_string(WEXITSTATUS(status));
    if (WIFSIGNALED(status)) return "killed by signal " + std::to_string(WTERMSIG(status));
    return "wait status " + std::to_string(status);
  }

  // The last few KiB of a file.
  static std::string Tail(const std::string& file, size_t bytes = 4000) {
    std::ifstream in(file, std::ios::binary);
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (text.size() > bytes) text = "..." + text.substr(text.size() - bytes);
    return text;
  }

  std::string workdir_;
  int port_ = 0;
  pid_t pid_ = -1;
  double install_seconds_ = 0;
};

}  // namespace fg::testing
