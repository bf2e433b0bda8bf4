package dev.runner.bench.load;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler.ClientHandshakeStateEvent;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.util.ReferenceCountUtil;

import dev.runner.bench.BenchData;

/**
 * The benchmark's WebSocket client: plain Netty (native epoll when available), one event-loop thread for every socket
 * so that a workload's bookkeeping needs no locks, the token in the {@code x-runner-token} upgrade header, messages
 * up to 1 MiB reassembled. SocketFrames written while a read batch is handled go out in one flush when the batch ends.
 *
 * @since 0.1.0
 */
final class SocketClients implements AutoCloseable {

	private static final int MAX_MESSAGE = 1 << 20;

	private final EventLoopGroup group;

	private final Bootstrap bootstrap;

	SocketClients() {
		boolean epoll = Epoll.isAvailable();
		this.group = new MultiThreadIoEventLoopGroup(1, epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
		this.bootstrap = new Bootstrap().group(this.group)
			.channel(epoll ? EpollSocketChannel.class : NioSocketChannel.class)
			.option(ChannelOption.TCP_NODELAY, true)
			.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 10_000);
	}

	/**
	 * The one event loop every socket runs on.
	 * @return the loop
	 */
	EventLoop loop() {
		return this.group.next();
	}

	/**
	 * Runs a task on the event loop and waits for its result.
	 * @param task what to run
	 * @return its result
	 */
	<T> T onLoop(Callable<T> task) throws InterruptedException, ExecutionException {
		return loop().submit(task).get();
	}

	/**
	 * Opens sockets, at most {@code parallel} handshakes at a time.
	 * @param uri the endpoint ({@code ws://127.0.0.1:PORT/path})
	 * @param count how many
	 * @param parallel most handshakes in progress at once
	 * @param frames what the sockets do with their frames
	 * @return the open sockets, in the order they were asked for
	 * @throws IllegalStateException when a handshake fails
	 */
	List<ClientSocket> open(URI uri, int count, int parallel, SocketFrames frames) throws Exception {
		Semaphore handshakes = new Semaphore(parallel);
		List<CompletableFuture<ClientSocket>> opened = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			handshakes.acquire();
			CompletableFuture<ClientSocket> socket = open(uri, frames);
			socket.whenComplete((s, ex) -> handshakes.release());
			opened.add(socket);
		}
		List<ClientSocket> sockets = new ArrayList<>(count);
		for (CompletableFuture<ClientSocket> socket : opened) {
			try {
				sockets.add(socket.get(60, TimeUnit.SECONDS));
			}
			catch (ExecutionException ex) {
				throw new IllegalStateException("a socket to " + uri + " failed to open: " + ex.getCause(), ex);
			}
		}
		return sockets;
	}

	/**
	 * Opens one socket.
	 * @param uri the endpoint
	 * @param frames what it does with its frames
	 * @return completes once the upgrade is done
	 */
	CompletableFuture<ClientSocket> open(URI uri, SocketFrames frames) {
		CompletableFuture<ClientSocket> opened = new CompletableFuture<>();
		WebSocketClientProtocolConfig config = WebSocketClientProtocolConfig.newBuilder()
			.webSocketUri(uri)
			.customHeaders(new DefaultHttpHeaders().add("x-runner-token", BenchData.TOKEN))
			.maxFramePayloadLength(MAX_MESSAGE)
			.handshakeTimeoutMillis(30_000)
			.dropPongFrames(true)
			.build();
		this.bootstrap.clone().handler(new ChannelInitializer<SocketChannel>() {
			@Override
			protected void initChannel(SocketChannel channel) {
				channel.pipeline()
					.addLast(new HttpClientCodec(), new HttpObjectAggregator(8192),
							new WebSocketClientProtocolHandler(config), new WebSocketFrameAggregator(MAX_MESSAGE),
							new Inbound(new ClientSocket(channel, frames), opened));
			}
		}).connect(uri.getHost(), uri.getPort()).addListener((future) -> {
			if (!future.isSuccess()) {
				opened.completeExceptionally(future.cause());
			}
		});
		return opened;
	}

	/**
	 * Closes sockets and waits until they are closed.
	 * @param sockets the sockets
	 */
	static void close(List<ClientSocket> sockets) throws InterruptedException {
		for (ClientSocket socket : sockets) {
			socket.channel().close();
		}
		for (ClientSocket socket : sockets) {
			socket.channel().closeFuture().await(10, TimeUnit.SECONDS);
		}
	}

	@Override
	public void close() {
		this.group.shutdownGracefully(0, 5, TimeUnit.SECONDS).syncUninterruptibly();
	}

	private static final class Inbound extends ChannelInboundHandlerAdapter {

		private final ClientSocket socket;

		private final CompletableFuture<ClientSocket> opened;

		Inbound(ClientSocket socket, CompletableFuture<ClientSocket> opened) {
			this.socket = socket;
			this.opened = opened;
		}

		@Override
		public void userEventTriggered(ChannelHandlerContext context, Object event) throws Exception {
			if (event == ClientHandshakeStateEvent.HANDSHAKE_COMPLETE) {
				this.opened.complete(this.socket);
			}
			else if (event == ClientHandshakeStateEvent.HANDSHAKE_TIMEOUT) {
				this.opened.completeExceptionally(new IllegalStateException("handshake timeout"));
			}
			super.userEventTriggered(context, event);
		}

		@Override
		public void channelRead(ChannelHandlerContext context, Object message) {
			try {
				if (message instanceof TextWebSocketFrame text) {
					this.socket.frames().frame(this.socket, text.content());
				}
			}
			finally {
				ReferenceCountUtil.release(message);
			}
		}

		@Override
		public void channelReadComplete(ChannelHandlerContext context) {
			context.flush();
		}

		@Override
		public void channelInactive(ChannelHandlerContext context) throws Exception {
			this.opened.completeExceptionally(new IllegalStateException("closed before the upgrade completed"));
			super.channelInactive(context);
		}

		@Override
		public void exceptionCaught(ChannelHandlerContext context, Throwable cause) {
			this.opened.completeExceptionally(cause);
			context.close();
		}

	}

}
