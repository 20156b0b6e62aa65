// Diagnostic only, used by tests/bench/proxy_bench.sh for the "+nodelay" rows: an LD_PRELOAD
// shim that sets TCP_NODELAY on every socket the process accepts, to show how much of factgate's
// latency is Nagle's algorithm meeting the client's delayed ACK (factgate writes a response's
// header and body in separate writes and does not set TCP_NODELAY). It does not change factgate.
//   cc -shared -fPIC -O2 -o nodelay_shim.so nodelay_shim.c -ldl
#define _GNU_SOURCE
#include <dlfcn.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>

static int NoDelay(int fd) {
  if (fd >= 0) {
    int one = 1;
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);  // fails harmlessly on non-TCP
  }
  return fd;
}

int accept(int s, struct sockaddr* addr, socklen_t* len) {
  static int (*real)(int, struct sockaddr*, socklen_t*);
  if (!real) real = (int (*)(int, struct sockaddr*, socklen_t*))dlsym(RTLD_NEXT, "accept");
  return NoDelay(real(s, addr, len));
}

int accept4(int s, struct sockaddr* addr, socklen_t* len, int flags) {
  static int (*real)(int, struct sockaddr*, socklen_t*, int);
  if (!real) real = (int (*)(int, struct sockaddr*, socklen_t*, int))dlsym(RTLD_NEXT, "accept4");
  return NoDelay(real(s, addr, len, flags));
}
