//===- Isolation.cpp - Work on untrusted input in a child process ---------===//

#include "snn/Target/NIR/Isolation.h"
#include "NIRInternal.h"

#include "llvm/Support/FormatVariadic.h"

#if defined(__unix__) || defined(__APPLE__)
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <poll.h>
#include <sys/wait.h>
#include <unistd.h>
#define SNN_HAVE_FORK 1
#endif

#ifdef SNN_HAVE_FORK
/// Writes all of `bytes` to `fd`; the child has nobody to tell of a failure.
static void writeAll(int fd, llvm::StringRef bytes) {
  while (!bytes.empty()) {
    ssize_t n = write(fd, bytes.data(), bytes.size());
    if (n < 0 && errno == EINTR)
      continue;
    if (n <= 0)
      return;
    bytes = bytes.drop_front(n);
  }
}

/// The child: one status byte ('O' then the result, or 'E' then the error
/// message), then exit without running the parent's exit handlers.
[[noreturn]] static void runChild(llvm::function_ref<llvm::Expected<std::string>()> work, int fd) {
  // A crash is the parent's to report, in one line: no crash handler of the
  // parent (LLVM's stack dump) and no output of the child's own.
  for (int sig : {SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT, SIGTRAP})
    signal(sig, SIG_DFL);
  int null = open("/dev/null", O_WRONLY);
  if (null >= 0) {
    dup2(null, STDOUT_FILENO);
    dup2(null, STDERR_FILENO);
    close(null);
  }
  llvm::Expected<std::string> result = work();
  if (result) {
    writeAll(fd, "O");
    writeAll(fd, *result);
  } else {
    writeAll(fd, "E");
    writeAll(fd, llvm::toString(result.takeError()));
  }
  close(fd);
  _exit(0);
}
#endif

llvm::Expected<std::string> snn::runIsolated(llvm::function_ref<llvm::Expected<std::string>()> work,
                                             unsigned seconds, const llvm::Twine &what,
                                             const llvm::Twine &subject) {
#ifndef SNN_HAVE_FORK
  return work();
#else
  int fds[2];
  if (pipe(fds) != 0)
    return snn::nir::detail::makeError("cannot create a pipe for " + what + ": " +
                                       std::strerror(errno));
  pid_t child = fork();
  if (child < 0) {
    close(fds[0]);
    close(fds[1]);
    return snn::nir::detail::makeError("cannot start a process for " + what + ": " +
                                       std::strerror(errno));
  }
  if (child == 0) {
    close(fds[0]);
    runChild(work, fds[1]);
  }
  close(fds[1]);

  // Read while the child runs (a full pipe would stall it), until it closes
  // its end or the time is up.
  std::string output;
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(seconds);
  bool timedOut = false;
  char chunk[1 << 16];
  while (true) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) {
      timedOut = true;
      break;
    }
    pollfd poller{fds[0], POLLIN, 0};
    int ready = poll(&poller, 1, static_cast<int>(left.count()));
    if (ready < 0 && errno == EINTR)
      continue;
    if (ready == 0) {
      timedOut = true;
      break;
    }
    ssize_t n = read(fds[0], chunk, sizeof(chunk));
    if (n < 0 && errno == EINTR)
      continue;
    if (n <= 0)
      break;
    output.append(chunk, n);
  }
  close(fds[0]);
  if (timedOut)
    kill(child, SIGKILL);
  int status = 0;
  while (waitpid(child, &status, 0) < 0 && errno == EINTR)
    ;
  if (timedOut)
    return snn::nir::detail::makeError(llvm::formatv("{0} did not finish within {1} s on {2}",
                                                     what.str(), seconds, subject.str()));
  if (WIFSIGNALED(status))
    return snn::nir::detail::makeError(llvm::formatv("{0} crashed (signal {1}) on {2}", what.str(),
                                                     WTERMSIG(status), subject.str()));
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
    return snn::nir::detail::makeError(llvm::formatv(
        "{0} exited with status {1} on {2}", what.str(), WEXITSTATUS(status), subject.str()));
  if (output.empty())
    return snn::nir::detail::makeError(what + " ended without an answer on " + subject);
  if (output.front() == 'E')
    return snn::nir::detail::makeError(llvm::StringRef(output).drop_front());
  return output.substr(1);
#endif
}
