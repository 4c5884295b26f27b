import CCairo
import RNNCore
