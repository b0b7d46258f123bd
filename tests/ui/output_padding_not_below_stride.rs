use netviz::network;

fn main() {
    let _ = network!(input(7, 7, 64) => deconv(32, 3, stride = 2, output_padding = 2));
}
