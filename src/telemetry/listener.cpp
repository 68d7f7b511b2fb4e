#include "herald/telemetry/listener.hpp"

namespace herald::telemetry {

std::string endpoint_text(const std::string& address, uint16_t port) {
    const bool v6 = address.find(':') != std::string::npos;
    return (v6 ? "[" + address + "]" : address) + ":" + std::to_string(port);
}

bool listen_on(boost::asio::ip::tcp::acceptor& acceptor, const std::string& address, uint16_t port, std::string& error) {
    namespace asio = boost::asio;
    const std::string where = endpoint_text(address, port);
    boost::system::error_code ec;
    const auto ip = asio::ip::make_address(address, ec);
    if (ec) {
        error = "cannot listen on " + where + ": '" + address + "' is not an IP address (use e.g. 127.0.0.1, 0.0.0.0 or ::)";
        return false;
    }
    const asio::ip::tcp::endpoint endpoint(ip, port);
    acceptor.open(endpoint.protocol(), ec);
    if (!ec) acceptor.set_option(asio::socket_base::reuse_address(true), ec);
    if (!ec) acceptor.bind(endpoint, ec);
    if (!ec) acceptor.listen(asio::socket_base::max_listen_connections, ec);
    if (ec) {
        error = "cannot listen on " + where + ": " + ec.message();
        boost::system::error_code ignored;
        acceptor.close(ignored);
        return false;
    }
    return true;
}

}  // namespace herald::telemetry
