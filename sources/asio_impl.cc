// The one translation unit that compiles Boost.Asio, Boost.Asio's SSL support and Boost.Beast for
// every library that uses them (the web sources' HTTP client here, the server in src/server):
// BOOST_ASIO_SEPARATE_COMPILATION / BOOST_BEAST_SEPARATE_COMPILATION are set on fg_asio, so the
// other files include only declarations and build faster on small machines.
#include <boost/asio/impl/src.hpp>
#include <boost/asio/ssl/impl/src.hpp>
#include <boost/beast/src.hpp>
