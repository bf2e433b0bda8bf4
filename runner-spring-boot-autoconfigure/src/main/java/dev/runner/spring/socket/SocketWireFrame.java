package dev.runner.spring.socket;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;

/**
 * Server-to-client WebSocket frames as bytes on the wire (RFC 6455 §5.2: one final frame, no mask, no extension,
 * since the door never negotiates one), encoded once so that one publication's frame is written to every subscriber
 * from the same buffer. Netty's frame encoder passes such a buffer through untouched.
 */
final class SocketWireFrame {

	private static final int FIN_TEXT = 0x81;

	private static final int FIN_PING = 0x89;

	/** An empty ping, never released: write a {@link ByteBuf#duplicate()} of it. */
	static final ByteBuf PING = Unpooled.unreleasableBuffer(
			Unpooled.directBuffer(2).writeByte(FIN_PING).writeByte(0));

	private SocketWireFrame() {
	}

	/**
	 * Encodes a text frame into a new direct buffer, which the caller releases (or hands to a write).
	 * @param payload the frame's UTF-8 JSON
	 */
	static ByteBuf text(ByteBufAllocator allocator, byte[] payload) {
		int length = payload.length;
		int header = (length < 126) ? 2 : (length <= 0xFFFF) ? 4 : 10;
		ByteBuf frame = allocator.directBuffer(header + length);
		frame.writeByte(FIN_TEXT);
		if (length < 126) {
			frame.writeByte(length);
		}
		else if (length <= 0xFFFF) {
			frame.writeByte(126);
			frame.writeShort(length);
		}
		else {
			frame.writeByte(127);
			frame.writeLong(length);
		}
		return frame.writeBytes(payload);
	}

}
