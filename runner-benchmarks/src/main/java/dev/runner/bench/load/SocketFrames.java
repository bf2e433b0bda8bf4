package dev.runner.bench.load;

import io.netty.buffer.ByteBuf;

/**
 * What a workload does with the text frames its sockets receive. Called on the client's event loop; the buffer is
 * released after the call.
 *
 * @since 0.1.0
 */
interface SocketFrames {

	/** Ignores every frame. */
	SocketFrames NONE = (socket, text) -> {
	};

	/**
	 * One text message, reassembled.
	 * @param socket the socket it came on
	 * @param text its UTF-8 bytes
	 */
	void frame(ClientSocket socket, ByteBuf text);

	/**
	 * Starts-with test on a frame's bytes, without copying them.
	 * @param text the frame
	 * @param prefix the expected first bytes
	 * @return whether the frame starts with them
	 */
	static boolean startsWith(ByteBuf text, byte[] prefix) {
		if (text.readableBytes() < prefix.length) {
			return false;
		}
		int start = text.readerIndex();
		for (int i = 0; i < prefix.length; i++) {
			if (text.getByte(start + i) != prefix[i]) {
				return false;
			}
		}
		return true;
	}

	/**
	 * Reads the decimal number at an offset of a frame.
	 * @param text the frame
	 * @param offset where the digits start, from the reader index
	 * @return the number, {@code -1} when no digit is there
	 */
	static long number(ByteBuf text, int offset) {
		long value = -1;
		for (int i = text.readerIndex() + offset; i < text.writerIndex(); i++) {
			int digit = text.getByte(i) - '0';
			if (digit < 0 || digit > 9) {
				break;
			}
			value = ((value < 0) ? 0 : value * 10) + digit;
		}
		return value;
	}

}
