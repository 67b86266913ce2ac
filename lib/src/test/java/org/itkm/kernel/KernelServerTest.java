package org.itkm.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.github.spencerpark.jupyter.channels.JupyterConnection;
import io.github.spencerpark.jupyter.kernel.BaseKernel;
import io.github.spencerpark.jupyter.kernel.KernelConnectionProperties;
import io.github.spencerpark.jupyter.kernel.LanguageInfo;
import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import io.github.spencerpark.jupyter.messages.MessageType;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The start-up order: every handler is in place when the sockets are bound (the rapaio 3.0.1 race). */
class KernelServerTest {
    /** A connection that records, at the moment it is asked to bind, which handlers it already has. */
    private static final class RecordingConnection extends JupyterConnection {
        final List<String> missingAtConnect = new ArrayList<>();
        int connects;

        RecordingConnection() throws Exception {
            super(KernelConnectionProperties.parse("{\"ip\":\"127.0.0.1\",\"transport\":\"tcp\",\"signature_scheme\":"
                    + "\"hmac-sha256\",\"key\":\"k\",\"shell_port\":1,\"control_port\":2,\"iopub_port\":3,"
                    + "\"stdin_port\":4,\"hb_port\":5}"));
        }

        @Override
        public void connect() {
            connects++;
            for (MessageType<?> type : List.of(MessageType.KERNEL_INFO_REQUEST, MessageType.EXECUTE_REQUEST,
                    MessageType.SHUTDOWN_REQUEST, MessageType.INTERRUPT_REQUEST, MessageType.COMPLETE_REQUEST,
                    MessageType.COMM_INFO_REQUEST)) {
                if (getHandler(type) == null) {
                    missingAtConnect.add(type.getName());
                }
            }
        }
    }

    private static final class NullKernel extends BaseKernel {
        @Override
        public DisplayData eval(String expr) {
            return null;
        }

        @Override
        public LanguageInfo getLanguageInfo() {
            return new LanguageInfo.Builder("test").build();
        }
    }

    @Test
    void handlersAreRegisteredBeforeTheSocketsAreBound() throws Exception {
        RecordingConnection connection = new RecordingConnection();
        assertNotNull(KernelServer.open(connection, new NullKernel()));
        assertEquals(1, connection.connects);
        assertEquals(List.of(), connection.missingAtConnect);
        connection.close();
    }
}
