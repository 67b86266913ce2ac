package org.itkm.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.spencerpark.jupyter.kernel.KernelConnectionProperties;
import java.io.File;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.itkm.kernel.JupyterTestClient.Msg;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The kernel over real ZeroMQ sockets, as a notebook server drives it: the first kernel_info_request is
 * sent before the kernel even exists (a client connects and queues it; the kernel must answer it),
 * then output streaming, DisplayData, interrupt and shutdown.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KernelProtocolTest {
    private static JupyterTestClient client;
    private static KernelServer server;
    private static String firstKernelInfo;
    private static JShellKernel kernel;

    @BeforeAll
    static void start() throws Exception {
        client = new JupyterTestClient();
        // queued in the client's socket before the kernel binds: must not be lost
        firstKernelInfo = client.sendShell("kernel_info_request", Map.of());
        kernel = new JShellKernel(Arrays.asList(System.getProperty("java.class.path").split(File.pathSeparator)));
        server = KernelServer.start(KernelConnectionProperties.parse(client.connectionJson()), kernel);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
        client.close();
    }

    // how long an answer that must come may take: generous, because a machine busy with other jobs compiles a
    // first cell slowly (a timeout here fails the test, it never passes it); the interrupted cells run far longer
    private static final long ANSWER_MS = 120_000;

    @Test
    @Order(1)
    void kernelInfoSentBeforeTheKernelStartedIsAnswered() {
        Msg reply = client.receiveShell(10_000);
        assertNotNull(reply, "no kernel_info_reply within 10 s");
        assertEquals("kernel_info_reply", reply.type());
        assertEquals(firstKernelInfo, reply.parentId());
        assertEquals("Java", reply.content().getAsJsonObject("language_info").get("name").getAsString());
    }

    @Test
    @Order(2)
    void executeStreamsOutputDisplaysDisplayDataAndRendersTheLastValue() {
        String id = client.execute("System.out.println(\"hello from a cell\");\n"
                + "var table = new io.github.spencerpark.jupyter.kernel.display.DisplayData(\"a table\");\n"
                + "table.putHTML(\"<table><tr><th>R1</th></tr><tr><td>91.2</td></tr></table>\");\n"
                + "display(table);\n"
                + "display(List.of(1, 2, 3));\n"
                + "6 * 7");
        Msg reply = client.receiveShell(ANSWER_MS);
        assertNotNull(reply);
        assertEquals("execute_reply", reply.type());
        assertEquals("ok", reply.content().get("status").getAsString(), reply.content().toString());
        List<Msg> iopub = client.iopubUntilIdle(id, ANSWER_MS);
        String stdout = JupyterTestClient.ofType(iopub, "stream").stream()
                .map(m -> m.content().get("text").getAsString()).reduce("", String::concat);
        assertTrue(stdout.contains("hello from a cell"), iopub.toString());
        List<Msg> displays = JupyterTestClient.ofType(iopub, "display_data");
        assertEquals(2, displays.size(), iopub.toString());
        assertEquals("<table><tr><th>R1</th></tr><tr><td>91.2</td></tr></table>",
                displays.get(0).content().getAsJsonObject("data").get("text/html").getAsString());
        assertEquals("[1, 2, 3]", displays.get(1).content().getAsJsonObject("data").get("text/plain").getAsString());
        List<Msg> results = JupyterTestClient.ofType(iopub, "execute_result");
        assertEquals(1, results.size());
        assertEquals("42", results.get(0).content().getAsJsonObject("data").get("text/plain").getAsString());
    }

    @Test
    @Order(2)
    void cellEndingWithDisplayShowsTheValueButNotItsDisplayId() {
        String id = client.execute("display(\"shown once\")");
        assertEquals("ok", client.receiveShell(ANSWER_MS).content().get("status").getAsString());
        List<Msg> iopub = client.iopubUntilIdle(id, ANSWER_MS);
        assertEquals(1, JupyterTestClient.ofType(iopub, "display_data").size(), iopub.toString());
        assertEquals(List.of(), JupyterTestClient.ofType(iopub, "execute_result"), iopub.toString());
    }

    @Test
    @Order(3)
    void errorIsReportedWithItsNameMessageAndTraceback() {
        String id = client.execute("throw new IllegalArgumentException(\"no profile 'fast'\");");
        Msg reply = client.receiveShell(ANSWER_MS);
        assertEquals("error", reply.content().get("status").getAsString());
        Msg error = JupyterTestClient.ofType(client.iopubUntilIdle(id, ANSWER_MS), "error").get(0);
        String traceback = error.content().get("traceback").toString();
        assertTrue(traceback.contains("java.lang.IllegalArgumentException: no profile 'fast'"), traceback);
    }

    @Test
    @Order(4)
    void interruptStopsASleepingCellAndTheKernelRunsTheNextOne() throws Exception {
        String id = client.execute("System.out.println(\"sleeping\"); Thread.sleep(3_600_000);");
        client.awaitStream(id, "sleeping", ANSWER_MS);
        long t0 = System.nanoTime();
        client.sendControl("interrupt_request", Map.of());
        Msg interruptReply = client.receiveControl(ANSWER_MS);
        assertNotNull(interruptReply);
        assertEquals("interrupt_reply", interruptReply.type());
        Msg reply = client.receiveShell(ANSWER_MS);
        assertNotNull(reply, "the interrupted cell (an hour's sleep) did not end within " + ANSWER_MS + " ms");
        assertEquals(id, reply.parentId());
        assertEquals("error", reply.content().get("status").getAsString());
        assertTrue((System.nanoTime() - t0) / 1e6 < ANSWER_MS);
        client.iopubUntilIdle(id, ANSWER_MS);
        client.execute("1 + 1");
        Msg next = client.receiveShell(ANSWER_MS);
        assertEquals("ok", next.content().get("status").getAsString());
    }

    @Test
    @Order(5)
    void interruptStopsABusyLoopThatIgnoresInterrupts() throws Exception {
        String id = client.execute("System.out.println(\"looping\"); long n = 0; while (true) { n++; }");
        client.awaitStream(id, "looping", ANSWER_MS);
        client.sendControl("interrupt_request", Map.of());
        assertNotNull(client.receiveControl(ANSWER_MS));
        Msg reply = client.receiveShell(ANSWER_MS);
        assertNotNull(reply, "a busy loop was not stopped within " + ANSWER_MS + " ms");
        assertEquals("error", reply.content().get("status").getAsString());
        client.iopubUntilIdle(id, ANSWER_MS);
        client.execute("\"still alive\"");
        assertEquals("ok", client.receiveShell(ANSWER_MS).content().get("status").getAsString());
    }

    @Test
    @Order(6)
    void shutdownRepliesAndClosesTheSockets() throws Exception {
        client.sendControl("shutdown_request", Map.of("restart", false));
        Msg reply = client.receiveControl(ANSWER_MS);
        assertNotNull(reply);
        assertEquals("shutdown_reply", reply.type());
        assertFalse(reply.content().get("restart").getAsBoolean());
        CompletableFuture<Void> closed = CompletableFuture.runAsync(() -> {
            try {
                server.awaitShutdown(kernel.shutdownRequested(), 3000);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        closed.get(10, TimeUnit.SECONDS);
        server = null;
    }
}
