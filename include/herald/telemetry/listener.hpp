#pragma once
// Opens a listening TCP socket for herald's HTTP servers (metrics, console), with one-line errors.
//
//   boost::asio::ip::tcp::acceptor acceptor(io);
//   std::string error;
//   if (!herald::telemetry::listen_on(acceptor, "127.0.0.1", 0, error)) die(error);
//   // "cannot listen on 127.0.0.1:8686: Address already in use"
#include <cstdint>
#include <string>

#include <boost/asio/ip/tcp.hpp>

namespace herald::telemetry {

// "127.0.0.1:9464", "[::1]:9464".
std::string endpoint_text(const std::string& address, uint16_t port);

// Binds (address reuse on) and listens; the acceptor is closed again on failure.
bool listen_on(boost::asio::ip::tcp::acceptor& acceptor, const std::string& address, uint16_t port, std::string& error);

}  // namespace herald::telemetry
