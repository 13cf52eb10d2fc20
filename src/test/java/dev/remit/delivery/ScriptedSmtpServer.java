package dev.remit.delivery;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A tiny SMTP server whose answers a test sets: to refuse a recipient (550) or defer it (451), to
 * refuse the message after DATA, or to take the message and never answer (a server that hangs while
 * the message is in flight), to drop a kept connection after some messages (closed silently, or
 * with {@code 421} to the next message), or to close the connection after the data without answering.
 */
final class ScriptedSmtpServer implements AutoCloseable {

    volatile String rcptReply = "250 2.1.5 Ok";
    volatile String dataReply = "250 2.0.0 Ok: queued as SCRIPTED1";
    volatile boolean hangAfterData;
    /** After this many messages on one connection, the server closes it silently (0: never). */
    volatile int dropAfterMessages;
    /** After this many messages on one connection, the next MAIL gets 421 and the connection is closed (0: never). */
    volatile int refuseAfterMessages;
    /** The connection is closed once the data has arrived, without an answer. */
    volatile boolean closeAfterDataUnanswered;

    /** Messages each finished connection carried. */
    final CopyOnWriteArrayList<Integer> messagesPerConnection = new CopyOnWriteArrayList<>();

    final AtomicInteger messagesReceived = new AtomicInteger();
    final AtomicInteger connections = new AtomicInteger();
    private final ServerSocket server;
    private final CopyOnWriteArrayList<Socket> open = new CopyOnWriteArrayList<>();
    private final Thread acceptor;

    ScriptedSmtpServer() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        acceptor = new Thread(this::accept, "scripted-smtp");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return server.getLocalPort();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                open.add(socket);
                connections.incrementAndGet();
                Thread session = new Thread(() -> session(socket), "scripted-smtp-session");
                session.setDaemon(true);
                session.start();
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void session(Socket socket) {
        int carried = 0;
        try (socket;
                BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
                PrintWriter out = new PrintWriter(socket.getOutputStream(), true, StandardCharsets.US_ASCII)) {
            reply(out, "220 scripted ESMTP");
            String line;
            while ((line = in.readLine()) != null) {
                String command = line.length() >= 4 ? line.substring(0, 4).toUpperCase() : line.toUpperCase();
                switch (command) {
                    case "EHLO", "HELO" -> reply(out, "250 scripted");
                    case "MAIL" -> {
                        if (refuseAfterMessages > 0 && carried >= refuseAfterMessages) {
                            reply(out, "421 4.4.2 scripted Error: timeout exceeded");
                            return;
                        }
                        reply(out, "250 2.1.0 Ok");
                    }
                    case "RCPT" -> reply(out, rcptReply);
                    case "DATA" -> {
                        reply(out, "354 End data with <CR><LF>.<CR><LF>");
                        while ((line = in.readLine()) != null && !line.equals(".")) {
                            // the message
                        }
                        if (closeAfterDataUnanswered) {
                            messagesReceived.incrementAndGet();
                            carried++;
                            return;
                        }
                        messagesReceived.incrementAndGet();
                        carried++;
                        if (hangAfterData) {
                            while (in.readLine() != null) {
                                // never answer
                            }
                            return;
                        }
                        reply(out, dataReply);
                        if (dropAfterMessages > 0 && carried >= dropAfterMessages) {
                            return;
                        }
                    }
                    case "QUIT" -> {
                        reply(out, "221 Bye");
                        return;
                    }
                    default -> reply(out, "250 Ok");
                }
            }
        } catch (IOException gone) {
            // the client went away
        } finally {
            messagesPerConnection.add(carried);
            open.remove(socket);
        }
    }

    private static void reply(PrintWriter out, String line) {
        out.print(line + "\r\n");
        out.flush();
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket socket : open) {
            socket.close();
        }
    }
}
