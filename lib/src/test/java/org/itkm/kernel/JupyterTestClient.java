package org.itkm.kernel;

import com.google.gson.Gson;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/** A minimal Jupyter client (wire protocol 5.x over ZeroMQ), as a notebook server talks to a kernel. */
final class JupyterTestClient implements AutoCloseable {
    static final String KEY = "itkm-test-key";
    final int shellPort;
    final int controlPort;
    final int iopubPort;
    final int stdinPort;
    final int hbPort;
    private final ZContext context = new ZContext();
    private final ZMQ.Socket shell;
    private final ZMQ.Socket control;
    private final ZMQ.Socket iopub;
    private final String session = UUID.randomUUID().toString();
    private final Gson gson = new Gson();

    JupyterTestClient() throws IOException {
        shellPort = freePort();
        controlPort = freePort();
        iopubPort = freePort();
        stdinPort = freePort();
        hbPort = freePort();
        shell = context.createSocket(SocketType.DEALER);
        shell.connect("tcp://127.0.0.1:" + shellPort);
        control = context.createSocket(SocketType.DEALER);
        control.connect("tcp://127.0.0.1:" + controlPort);
        iopub = context.createSocket(SocketType.SUB);
        iopub.subscribe(new byte[0]);
        iopub.connect("tcp://127.0.0.1:" + iopubPort);
    }

    String connectionJson() {
        return gson.toJson(Map.of("ip", "127.0.0.1", "transport", "tcp", "signature_scheme", "hmac-sha256",
                "key", KEY, "shell_port", shellPort, "control_port", controlPort, "iopub_port", iopubPort,
                "stdin_port", stdinPort, "hb_port", hbPort));
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    String sendShell(String type, Map<String, Object> content) {
        return send(shell, type, content);
    }

    String sendControl(String type, Map<String, Object> content) {
        return send(control, type, content);
    }

    String execute(String code) {
        return sendShell("execute_request", Map.of("code", code, "silent", false, "store_history", true,
                "user_expressions", Map.of(), "allow_stdin", false, "stop_on_error", true));
    }

    private String send(ZMQ.Socket socket, String type, Map<String, Object> content) {
        String id = UUID.randomUUID().toString();
        String header = gson.toJson(Map.of("msg_id", id, "session", session, "username", "test", "msg_type", type,
                "version", "5.3", "date", Instant.now().toString()));
        String parent = "{}";
        String metadata = "{}";
        String body = gson.toJson(content);
        socket.sendMore("<IDS|MSG>");
        socket.sendMore(sign(header, parent, metadata, body));
        socket.sendMore(header);
        socket.sendMore(parent);
        socket.sendMore(metadata);
        socket.send(body);
        return id;
    }

    private static String sign(String... parts) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(KEY.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            for (String p : parts) {
                mac.update(p.getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(mac.doFinal());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A received message: its type, parent id and content. */
    record Msg(String type, String parentId, JsonObject content) {
    }

    Msg receiveShell(long timeoutMillis) {
        return receive(shell, timeoutMillis);
    }

    Msg receiveControl(long timeoutMillis) {
        return receive(control, timeoutMillis);
    }

    /** IOPub messages replying to {@code parentId}, up to and including its {@code status: idle}. */
    List<Msg> iopubUntilIdle(String parentId, long timeoutMillis) {
        List<Msg> out = new ArrayList<>();
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (System.currentTimeMillis() < deadline) {
            Msg m = receive(iopub, deadline - System.currentTimeMillis());
            if (m == null) {
                break;
            }
            if (!parentId.equals(m.parentId())) {
                continue;
            }
            out.add(m);
            if (m.type().equals("status") && "idle".equals(m.content().get("execution_state").getAsString())) {
                return out;
            }
        }
        throw new AssertionError("no idle status for " + parentId + " within " + timeoutMillis + " ms; got " + out);
    }

    /**
     * Waits until a stream message of {@code parentId} contains {@code text}: the cell has started running (a
     * request sent before that, such as an interrupt, could arrive while the kernel is still compiling it).
     */
    void awaitStream(String parentId, String text, long timeoutMillis) {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (System.currentTimeMillis() < deadline) {
            Msg m = receive(iopub, deadline - System.currentTimeMillis());
            if (m == null) {
                break;
            }
            if (parentId.equals(m.parentId()) && m.type().equals("stream")
                    && m.content().get("text").getAsString().contains(text)) {
                return;
            }
        }
        throw new AssertionError("no output '" + text + "' from " + parentId + " within " + timeoutMillis + " ms");
    }

    static List<Msg> ofType(List<Msg> messages, String type) {
        return messages.stream().filter(((Predicate<Msg>) m -> m.type().equals(type))).toList();
    }

    private static Msg receive(ZMQ.Socket socket, long timeoutMillis) {
        socket.setReceiveTimeOut((int) Math.max(1, timeoutMillis));
        List<byte[]> frames = new ArrayList<>();
        byte[] first = socket.recv();
        if (first == null) {
            return null;
        }
        frames.add(first);
        while (socket.hasReceiveMore()) {
            frames.add(socket.recv());
        }
        int delim = 0;
        while (!"<IDS|MSG>".equals(new String(frames.get(delim), StandardCharsets.UTF_8))) {
            delim++;
        }
        JsonObject header = JsonParser.parseString(new String(frames.get(delim + 2), StandardCharsets.UTF_8)).getAsJsonObject();
        JsonObject parent = JsonParser.parseString(new String(frames.get(delim + 3), StandardCharsets.UTF_8)).getAsJsonObject();
        JsonObject content = JsonParser.parseString(new String(frames.get(delim + 5), StandardCharsets.UTF_8)).getAsJsonObject();
        return new Msg(header.get("msg_type").getAsString(),
                parent.has("msg_id") ? parent.get("msg_id").getAsString() : "", content);
    }

    @Override
    public void close() {
        context.close();
    }
}
